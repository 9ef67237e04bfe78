/**
 * Microsoft's own JavaScript client, `@microsoft/microsoft-graph-client` with `@azure/identity`'s
 * TokenCredentialAuthenticationProvider, against the emulator, configured as its docs say: the default Graph
 * scope, and for the emulator only its URL as `baseUrl` plus its host in `customHosts` (without it the client
 * sends no token to a host that is not Graph's). The connector lifecycle end to end: connection, schema and its
 * long-running operation, group, members, `$batch`, an error, and a 429 whose Retry-After the client's own retry
 * handler honours (its waits recorded, not waited).
 */
import { Client, GraphError, ResponseType, RetryHandler } from "@microsoft/microsoft-graph-client";
import { TokenCredentialAuthenticationProvider } from "@microsoft/microsoft-graph-client/authProviders/azureTokenCredentials";
import { emulatorCredential, graphCalls, useEmulator } from "../helpers/harness";

const env = useEmulator({ schemaProvisioningMs: 5000 });

/** What a user writes (docs/emulator.md, "Microsoft's Graph clients against it"): Graph's scope, the emulator's URL and host. */
function graphClient(): Client {
  const authProvider = new TokenCredentialAuthenticationProvider(emulatorCredential(env.emulator), {
    scopes: ["https://graph.microsoft.com/.default"],
  });
  return Client.initWithMiddleware({ authProvider, baseUrl: env.emulator.url, customHosts: new Set([new URL(env.emulator.url).hostname]) });
}

/** The client's retry handler sleeps through `sleep(seconds)`; recording it keeps the test off the clock. */
function recordRetryWaits(): number[] {
  const waits: number[] = [];
  jest
    .spyOn(RetryHandler.prototype as unknown as { sleep(seconds: number): Promise<void> }, "sleep")
    .mockImplementation(async (seconds) => {
      waits.push(seconds);
    });
  return waits;
}

afterEach(() => jest.restoreAllMocks());

const SCHEMA = {
  baseType: "microsoft.graph.externalItem",
  properties: [
    { name: "ticketTitle", type: "string", isSearchable: true, isRetrievable: true, labels: ["title"] },
    { name: "priority", type: "string", isQueryable: true, isRetrievable: true },
  ],
};

test("the connector lifecycle runs through graph-client: connection, schema operation, group, members, $batch, delete", async () => {
  const client = graphClient();
  const created = await client.api("/external/connections").post({ id: "sdkhr", name: "SDK HR", description: "Through graph-client" });
  expect(created).toMatchObject({ id: "sdkhr", name: "SDK HR", state: "draft" });

  // Schema registration answers 202 with the operation's Location: the raw response carries it.
  const accepted = (await client.api("/external/connections/sdkhr/schema").responseType(ResponseType.RAW).patch(SCHEMA)) as Response;
  expect(accepted.status).toBe(202);
  const operation = new URL(accepted.headers.get("location")!).pathname.replace(/^\/v1\.0/, "");
  expect(await client.api(operation).get()).toMatchObject({ status: "inprogress" });
  env.emulator.advanceClock(5000);
  expect(await client.api(operation).get()).toMatchObject({ status: "completed" });
  expect(await client.api("/external/connections/sdkhr").select(["state"]).get()).toEqual({
    "@odata.context": expect.stringContaining("connections(state)/$entity"),
    state: "ready",
  });
  expect((await client.api("/external/connections/sdkhr/schema").get()).properties).toHaveLength(2);

  await client.api("/external/connections/sdkhr/groups").post({ id: "sales", displayName: "Sales" });
  await client.api("/external/connections/sdkhr/groups/sales").patch({ description: "The sales team" });
  expect(
    await client.api("/external/connections/sdkhr/groups/sales/members").post({ id: "a1b2c3d4-0000-4000-8000-000000000001", type: "user" }),
  ).toMatchObject({ id: "a1b2c3d4-0000-4000-8000-000000000001", type: "user" });

  // $batch as the docs' JavaScript snippets send it: the JSON body through client.api("/$batch").
  const batch = await client.api("/$batch").post({
    requests: [
      {
        id: "1",
        method: "POST",
        url: "/external/connections/sdkhr/groups/sales/members",
        headers: { "Content-Type": "application/json" },
        body: { id: "a1b2c3d4-0000-4000-8000-000000000002", type: "user" },
      },
      {
        id: "2",
        method: "POST",
        url: "/external/connections/sdkhr/groups/sales/members",
        headers: { "Content-Type": "application/json" },
        body: { id: "nested", type: "externalGroup" },
      },
      { id: "3", method: "DELETE", url: "/external/connections/sdkhr/groups/sales/members/a1b2c3d4-0000-4000-8000-000000000001" },
    ],
  });
  expect(Object.fromEntries(batch.responses.map((answer: { id: string; status: number }) => [answer.id, answer.status]))).toEqual({
    1: 201,
    2: 201,
    3: 204,
  });

  await client.api("/external/connections/sdkhr/groups/sales").delete();
  await client.api("/external/connections/sdkhr").delete();
  expect(graphCalls(env.emulator).filter((line) => !/ 2\d\d/.test(line))).toEqual([]);
});

test("a Graph error reaches the caller as graph-client's GraphError, with the code and the request ids", async () => {
  const client = graphClient();
  const error = (await client
    .api("/external/connections/missing")
    .header("client-request-id", "7a3c9b1e-0000-4000-8000-00000000c1d2")
    .get()
    .catch((e: unknown) => e)) as GraphError;
  expect(error).toBeInstanceOf(GraphError);
  expect(error).toMatchObject({ statusCode: 404, code: "itemNotFound", requestId: expect.stringMatching(/^[0-9a-f-]{36}$/) });
  expect(error.body).toContain('"client-request-id":"7a3c9b1e-0000-4000-8000-00000000c1d2"');
  const refused = (await client
    .api("/external/connections")
    .post({ id: "bad-id", name: "x" })
    .catch((e: unknown) => e)) as GraphError;
  expect(refused).toMatchObject({ statusCode: 400, code: "InvalidRequest" });
});

test("graph-client's retry handler honours the emulator's 429 and Retry-After", async () => {
  const client = graphClient();
  await client.api("/external/connections").post({ id: "sdkhr", name: "SDK HR", description: "d" });
  const waits = recordRetryWaits();
  env.emulator.addFaults({ method: "GET", path: "^/v1.0/external/connections/sdkhr$", status: 429, retryAfterSeconds: 2, times: 2 });
  expect(await client.api("/external/connections/sdkhr").get()).toMatchObject({ id: "sdkhr" });
  expect(waits).toEqual([2, 2]);
  expect(graphCalls(env.emulator).filter((line) => line.startsWith("GET /v1.0/external/connections/sdkhr"))).toEqual([
    "GET /v1.0/external/connections/sdkhr 429",
    "GET /v1.0/external/connections/sdkhr 429",
    "GET /v1.0/external/connections/sdkhr 200",
  ]);
});

test("without the emulator's host in customHosts the client sends no token, and the emulator answers 401 as Graph would", async () => {
  const authProvider = new TokenCredentialAuthenticationProvider(emulatorCredential(env.emulator), {
    scopes: ["https://graph.microsoft.com/.default"],
  });
  const client = Client.initWithMiddleware({ authProvider, baseUrl: env.emulator.url });
  expect(
    await client
      .api("/external/connections")
      .get()
      .catch((e: unknown) => e),
  ).toMatchObject({ statusCode: 401, code: "InvalidAuthenticationToken" });
});
