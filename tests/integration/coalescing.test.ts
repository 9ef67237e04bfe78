/**
 * Cross-resource batching: single requests that different resources make at the same time travel together
 * in `$batch` calls, and each resource still gets its own answer, error and retries.
 */
import { externalGroupHandler as groups } from "../../provider/resources/externalGroup/handler";
import { externalGroupMemberHandler as members } from "../../provider/resources/externalGroup/memberHandler";
import { sendBatch } from "../../provider/graph/batch";
import { GraphClient } from "../../provider/graph/client";
import { OperationCancelledError } from "../../provider/engine/waits";
import { adminClient, emulatorCredential, graphCalls, realClock, testContext, useEmulator } from "../helpers/harness";

const env = useEmulator();
const user = (n: number) => `a1b2c3d4-0000-4000-8000-${String(n).padStart(12, "0")}`;
const topLevel = () => graphCalls(env.emulator).filter((line) => !line.endsWith("(batch)"));

beforeEach(async () => {
  const graph = adminClient(env.emulator);
  await graph.request("POST", "v1.0", "/external/connections", { id: "contosohr", name: "Contoso HR" });
  await graph.request("POST", "v1.0", "/external/connections/contosohr/groups", { id: "sales" });
  env.emulator.clearRequests();
});

describe("cross-resource batching", () => {
  // At most 20 per $batch, and sized to fill the budget of 25 (batches of 20 and 5, or chains of 20): 20 calls
  // at most. A batch of one goes as the plain request it is.
  const batchCalls = () => {
    const calls = topLevel();
    expect(
      calls.filter(
        (call) =>
          !/^(POST \/v1.0\/\$batch 200|(POST|DELETE) \/v1.0\/external\/connections\/contosohr\/groups\/sales\/members\S* 20[14])$/.test(
            call,
          ),
      ),
    ).toEqual([]);
    return calls.length;
  };

  test("200 ExternalGroupMember resources are created, refreshed and deleted in at most 20 $batch calls each", async () => {
    const ctx = testContext(env.emulator);
    const inputs = Array.from({ length: 200 }, (_, i) => ({
      connectionId: "contosohr",
      groupId: "sales",
      memberId: user(i),
      memberType: "user" as const,
    }));
    const created = await Promise.all(inputs.map((input) => members.create(ctx, input)));
    expect(batchCalls()).toBeLessThanOrEqual(20);
    expect(env.emulator.store.connection("contosohr")!.groups.get("sales")!.members.size).toBe(200);

    // A refresh: every member reads its group, and the 200 identical GETs waiting together are sent once.
    env.emulator.clearRequests();
    const reads = await Promise.all(created.map(({ id, outs }) => members.read(ctx, id, outs)));
    expect(reads.map((read) => read.id)).toEqual(created.map((member) => member.id));
    expect(graphCalls(env.emulator)).toEqual(["GET /v1.0/external/connections/contosohr/groups/sales 200"]);

    env.emulator.clearRequests();
    await Promise.all(created.map(({ id, outs }) => members.delete(ctx, id, outs)));
    expect(batchCalls()).toBeLessThanOrEqual(20);
    expect(env.emulator.store.connection("contosohr")!.groups.get("sales")!.members.size).toBe(0);
  });

  test("each resource gets its own error: one refused member fails alone", async () => {
    const ctx = testContext(env.emulator);
    env.emulator.addFaults({ method: "POST", path: "/members$", status: 403 });
    const outcomes = await Promise.all(
      Array.from({ length: 5 }, (_, i) =>
        members.create(ctx, { connectionId: "contosohr", groupId: "sales", memberId: user(i), memberType: "user" }).then(
          () => "created",
          (error: Error) => error.message,
        ),
      ),
    );
    expect(outcomes.filter((outcome) => outcome === "created")).toHaveLength(4);
    expect(outcomes.find((outcome) => outcome !== "created")).toMatch(
      /^POST \/v1.0\/external\/connections\/contosohr\/groups\/sales\/members → 403 /,
    );
    expect(topLevel()).toEqual(["POST /v1.0/$batch 200"]);
  });

  test("each resource gets its own retries: a batched group create answered 503 after it took effect is adopted on the 409", async () => {
    const ctx = testContext(env.emulator);
    // The second create: the first starts the burst alone (below), the other two travel together.
    env.emulator.addFaults({ method: "POST", path: "/groups$", status: 503, afterHandling: true, every: 2 });
    const results = await Promise.all(
      ["north", "south", "east"].map((groupId) => groups.create(ctx, { connectionId: "contosohr", groupId, displayName: groupId })),
    );
    expect(results.map((result) => result.id)).toEqual(["contosohr/north", "contosohr/south", "contosohr/east"]);
    expect(ctx.logs).toContain(
      "external group 'south' of connection 'contosohr' already exists after an ambiguous failure (HTTP 503): the earlier attempt created it; adopting it",
    );
    // The retry of the one 503 followed the client's policy (no Retry-After: backoff from 1 s).
    expect(ctx.sleeps).toEqual([1000]);
    expect(graphCalls(env.emulator).filter((line) => line.includes("/groups "))).toEqual([
      "POST /v1.0/external/connections/contosohr/groups 201",
      "POST /v1.0/external/connections/contosohr/groups 503 (batch)",
      "POST /v1.0/external/connections/contosohr/groups 201 (batch)",
      // Re-sent alone, as the plain request it is.
      "POST /v1.0/external/connections/contosohr/groups 409",
    ]);
  });

  test("a group create starting a burst goes at once, what arrives while it is out gathers, and requests that start nothing wait for company", async () => {
    // Requests that come a few milliseconds apart, against the gathering windows in real time.
    const ctx = testContext(env.emulator, { batchClock: realClock });
    const inTurn = (ids: string[], gapMs: number, run: (groupId: string) => Promise<unknown>) =>
      Promise.all(ids.map((groupId, index) => new Promise((resolve) => setTimeout(resolve, index * gapMs)).then(() => run(groupId))));
    // Nothing in flight and nothing sent lately: the first create goes alone; the two after it share a batch.
    await inTurn(["north", "south", "east"], 5, (groupId) => groups.create(ctx, { connectionId: "contosohr", groupId }));
    expect(topLevel()).toEqual(["POST /v1.0/external/connections/contosohr/groups 201", "POST /v1.0/$batch 200"]);

    // A delete's answer starts nothing: even on an idle connection after a quiet spell, deletes gather.
    env.emulator.clearRequests();
    await new Promise((resolve) => setTimeout(resolve, 300));
    await inTurn(["north", "south"], 20, (groupId) => groups.delete(ctx, `contosohr/${groupId}`, { connectionId: "contosohr", groupId }));
    expect(topLevel()).toEqual(["POST /v1.0/$batch 200"]);
  });

  test("identical GETs share an answer only while waiting: each caller gets its own copy, and a later read is sent anew", async () => {
    const ctx = testContext(env.emulator);
    const [a, b] = await Promise.all([
      groups.read(ctx, "contosohr/sales", { connectionId: "contosohr", groupId: "sales" }),
      groups.read(ctx, "contosohr/sales", { connectionId: "contosohr", groupId: "sales" }),
    ]);
    expect(a.props).toEqual(b.props);
    expect(a.props).not.toBe(b.props);
    expect(graphCalls(env.emulator)).toEqual(["GET /v1.0/external/connections/contosohr/groups/sales 200"]);
    await adminClient(env.emulator).request("PATCH", "v1.0", "/external/connections/contosohr/groups/sales", { displayName: "Sales team" });
    const after = await groups.read(ctx, "contosohr/sales", { connectionId: "contosohr", groupId: "sales", displayName: "sales" });
    expect(after.props?.displayName).toBe("Sales team");
    expect(graphCalls(env.emulator).filter((line) => line.startsWith("GET "))).toHaveLength(2);
  });

  test("callers sharing a GET share its retries too: a 429 is waited out once and every caller gets the answer", async () => {
    const ctx = testContext(env.emulator);
    env.emulator.addFaults({ method: "GET", path: "/groups/sales$", status: 429, retryAfterSeconds: 3 });
    const reads = await Promise.all(
      [1, 2, 3].map(() => groups.read(ctx, "contosohr/sales", { connectionId: "contosohr", groupId: "sales" })),
    );
    expect(reads.map((read) => read.id)).toEqual(["contosohr/sales", "contosohr/sales", "contosohr/sales"]);
    expect(graphCalls(env.emulator)).toEqual([
      "GET /v1.0/external/connections/contosohr/groups/sales 429",
      "GET /v1.0/external/connections/contosohr/groups/sales 200",
    ]);
    expect(ctx.sleeps).toEqual([3000]);
  });

  test("a request made alone is sent as itself, not as a $batch of one", async () => {
    const ctx = testContext(env.emulator);
    await groups.read(ctx, "contosohr/sales", { connectionId: "contosohr", groupId: "sales" });
    expect(graphCalls(env.emulator)).toEqual(["GET /v1.0/external/connections/contosohr/groups/sales 200"]);
  });

  test("a batch clock that does not move (a script's sleep that returns at once) ends a gathering window instead of spinning on it", async () => {
    const graph = new GraphClient({
      endpoint: env.emulator.url,
      credential: emulatorCredential(env.emulator),
      sleep: async () => undefined,
      now: () => 0,
    });
    const reads = ["sales", "sales", "north"].map((groupId) => ({
      method: "GET" as const,
      url: `/external/connections/contosohr/groups/${groupId}`,
    }));
    expect((await sendBatch(graph, "v1.0", reads)).map((result) => result.status)).toEqual([200, 200, 404]);
    expect(topLevel()).toEqual(["POST /v1.0/$batch 200"]);
  });

  test("cancelled waits (the native provider's Cancel): what gathers goes at once, and a request waiting to retry ends with the answer it had", async () => {
    const cancelled = async () => {
      throw new OperationCancelledError();
    };
    const ctx = testContext(env.emulator, { sleep: cancelled, batchClock: { now: () => 0, sleep: cancelled } });
    env.emulator.addFaults({ method: "GET", path: "/groups/north$", status: 429, retryAfterSeconds: 1 });
    const reads = ["sales", "north"].map((groupId) =>
      groups.read(ctx, `contosohr/${groupId}`, { connectionId: "contosohr", groupId }).then(
        (read) => read.id,
        (error: Error) => error.message,
      ),
    );
    expect(await Promise.all(reads)).toEqual([
      "contosohr/sales",
      expect.stringMatching(/^GET \/v1.0\/external\/connections\/contosohr\/groups\/north → 429 /),
    ]);
    expect(topLevel()).toEqual(["POST /v1.0/$batch 200"]);
  });
});
