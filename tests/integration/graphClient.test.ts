import { isGraphError, isGraphNetworkError } from "../../provider/graph/errors";
import { sendBatch } from "../../provider/graph/batch";
import { emulatorCredential, graphCalls, testContext, useEmulator } from "../helpers/harness";
import { GraphClient } from "../../provider/graph/client";
import { HttpExchange } from "../../provider/graph/policies/exchangeObserverPolicy";
import { JsonText } from "../../provider/graph/request";

const env = useEmulator();

describe("Graph client against the emulator", () => {
  test("sends a JsonText body exactly as written, a trailing comma included, and JSON bodies as JSON", async () => {
    const { emulator } = env;
    const exchanges: HttpExchange[] = [];
    const ctx = testContext(emulator, { onExchange: (exchange) => exchanges.push(exchange) });
    await ctx.graph.request("POST", "v1.0", "/external/connections", { id: "verbatim", name: "Verbatim" });
    await ctx.graph.request("POST", "v1.0", "/external/connections/verbatim/groups", { id: "g1" });
    // The member samples' form (externalconnectors-externalgroup-post-members.md); the emulator tolerates the comma.
    const text = '{\n  "id": "g1",\n  "type": "externalGroup",\n}';
    const added = await ctx.graph.request("POST", "v1.0", "/external/connections/verbatim/groups/g1/members", new JsonText(text));
    expect([added.status, added.body]).toEqual([201, expect.objectContaining({ id: "g1", type: "externalGroup" })]);
    expect(
      exchanges.map((exchange) => [exchange.request.method, exchange.response?.status, exchange.request.headers.authorization]),
    ).toEqual([
      ["POST", 201, "Bearer [REDACTED]"],
      ["POST", 201, "Bearer [REDACTED]"],
      ["POST", 201, "Bearer [REDACTED]"],
    ]);
    expect((exchanges[2].request.body as JsonText).text).toBe(text);
  });

  test("waits the Retry-After of a 429 and then succeeds", async () => {
    const { emulator } = env;
    emulator.addFaults({ method: "GET", path: "^/v1.0/external/connections$", status: 429, retryAfterSeconds: 2, times: 2 });
    const ctx = testContext(emulator);
    const response = await ctx.graph.request("GET", "v1.0", "/external/connections");
    expect(response.status).toBe(200);
    expect(ctx.sleeps).toEqual([2000, 2000]);
    expect(graphCalls(emulator)).toEqual([
      "GET /v1.0/external/connections 429",
      "GET /v1.0/external/connections 429",
      "GET /v1.0/external/connections 200",
    ]);
    expect(ctx.logs).toEqual([
      "GET /v1.0/external/connections: HTTP 429; retry 1 in 2000 ms",
      "GET /v1.0/external/connections: HTTP 429; retry 2 in 2000 ms",
    ]);
  });

  test("honours a 315 s Retry-After, as Graph has sent", async () => {
    const { emulator } = env;
    emulator.addFaults({ path: "^/v1.0/external/connections$", status: 429, retryAfterSeconds: 315 });
    const ctx = testContext(emulator);
    await ctx.graph.request("GET", "v1.0", "/external/connections");
    expect(ctx.sleeps).toEqual([315_000]);
  });

  test("backs off on 503 and 504 without Retry-After, and retries a reset connection", async () => {
    const { emulator } = env;
    emulator.addFaults({ path: "connections$", status: 503 }, { path: "connections$", status: 504 }, { path: "connections$", reset: true });
    const ctx = testContext(emulator);
    expect((await ctx.graph.request("GET", "v1.0", "/external/connections")).status).toBe(200);
    expect(ctx.sleeps).toEqual([1000, 2000, 4000]);
    expect(graphCalls(emulator)).toEqual([
      "GET /v1.0/external/connections 503",
      "GET /v1.0/external/connections 504",
      "GET /v1.0/external/connections 0",
      "GET /v1.0/external/connections 200",
    ]);
  });

  test("gives up after maxRetries with the service's last answer", async () => {
    const { emulator } = env;
    emulator.addFaults({ path: "connections$", status: 503, times: 10 });
    const ctx = testContext(emulator, { retry: { maxRetries: 2 } });
    const error = await ctx.graph.request("GET", "v1.0", "/external/connections").catch((e: unknown) => e);
    expect(isGraphError(error, 503)).toBe(true);
    expect(ctx.sleeps).toHaveLength(2);
  });

  test("reports a persistent reset as a GraphNetworkError", async () => {
    const { emulator } = env;
    emulator.addFaults({ path: "connections$", reset: true, times: 10 });
    const ctx = testContext(emulator, { retry: { maxRetries: 1 } });
    const error = await ctx.graph.request("GET", "v1.0", "/external/connections").catch((e: unknown) => e);
    expect(isGraphNetworkError(error)).toBe(true);
  });

  test("turns a 404 into a GraphError with the request id and no token", async () => {
    const ctx = testContext(env.emulator);
    const error = await ctx.graph.request("GET", "v1.0", "/external/connections/nothere").catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "GraphError", status: 404, code: "itemNotFound", path: "/v1.0/external/connections/nothere" });
    expect((error as Error).message).toMatch(
      /^GET \/v1\.0\/external\/connections\/nothere → 404 itemNotFound: Connection 'nothere' was not found\. \(requestId=[0-9a-f-]{36}\)$/,
    );
    expect(JSON.stringify(error)).not.toMatch(/eyJ/);
  });

  test("fails with a redacted authentication error for a wrong client secret", async () => {
    const { emulator } = env;
    const client = new GraphClient({
      endpoint: emulator.url,
      credential: emulatorCredential(emulator, "wrong-secret-value-123"),
      sleep: async () => undefined,
      now: Date.now,
    });
    const error: Error = await client.request("GET", "v1.0", "/external/connections").then(
      () => new Error("no error"),
      (e: Error) => e,
    );
    expect(error).toMatchObject({ name: "AuthenticationError" });
    expect(error.message).toContain("AADSTS7000215: Invalid client secret provided.");
    expect(error.message).not.toContain("wrong-secret-value-123");
  });

  test("sends a batch of 45 requests as three $batch calls and re-sends only throttled inner requests", async () => {
    const { emulator } = env;
    const ctx = testContext(emulator);
    await ctx.graph.request("POST", "v1.0", "/external/connections", { id: "batchtest", name: "Batch" });
    emulator.clearRequests();
    emulator.addFaults({ method: "POST", path: "/groups$", status: 429, retryAfterSeconds: 3, times: 2 });
    const items = Array.from({ length: 45 }, (_, i) => ({
      method: "POST" as const,
      url: "/external/connections/batchtest/groups",
      body: { id: `g${i}` },
    }));
    const results = await sendBatch(ctx.graph, "v1.0", items);
    expect(results.map((result) => result.status)).toEqual(Array(45).fill(201));
    expect(ctx.sleeps).toEqual([3000]);
    const log = graphCalls(emulator);
    expect(log.filter((line) => line.startsWith("POST /v1.0/$batch"))).toHaveLength(4);
    expect(log.filter((line) => line.endsWith("429 (batch)"))).toHaveLength(2);
  });
});
