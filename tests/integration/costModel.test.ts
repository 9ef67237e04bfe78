/**
 * The emulator charges what Graph charges: a service time per operation (each inner `$batch` request is one,
 * run concurrently) and Graph's documented limits, answered with 429 + Retry-After.
 */
import { BATCH_PATH } from "../../model/batch";
import { groupsPath, memberPath } from "../../model/group";
import { CONCURRENT_OPERATIONS_PER_CONNECTION } from "../../model/limits";
import { CostTimer, GraphEmulator, realCostTimer } from "../../emulator";
import { externalGroupHandler } from "../../provider/resources/externalGroup/handler";
import { externalGroupMemberHandler } from "../../provider/resources/externalGroup/memberHandler";
import { adminClient, emulatorCredential, testContext, useEmulator } from "../helpers/harness";

const env = useEmulator();

const userId = (n: number) => `a1b2c3d4-0000-4000-8000-${String(n).padStart(12, "0")}`;
/** Member `i` of group `group`: ids that never collide across groups of up to 100 members. */
const member = (group: number, i: number) => ({ id: userId(group * 100 + i), type: "user" as const });

/** A second emulator with a service time, so that requests overlap. */
function slowEmulator(options: ConstructorParameters<typeof GraphEmulator>[0] = {}): { emulator: GraphEmulator } {
  const holder = { emulator: new GraphEmulator({ opMs: 300, ...options }) };
  beforeAll(async () => {
    await holder.emulator.start();
  });
  afterAll(async () => {
    await holder.emulator.stop();
  });
  beforeEach(() => holder.emulator.reset());
  return holder;
}

/**
 * A timer whose waits end only once the test opens it: operations stay in flight for as long as a test needs,
 * however slowly a loaded machine lets the requests arrive (a fixed service time let the first ones finish
 * before the last arrived).
 */
function gateTimer(): CostTimer & { open(): void; close(): void; whenHolding(count: number): Promise<void> } {
  let opened = true;
  const held: Array<() => void> = [];
  const watchers: Array<{ count: number; resolve: () => void }> = [];
  return {
    now: realCostTimer.now,
    until() {
      if (opened) return Promise.resolve();
      return new Promise<void>((resolve) => {
        held.push(resolve);
        for (const watcher of watchers.filter((candidate) => held.length >= candidate.count)) watcher.resolve();
      });
    },
    open() {
      opened = true;
      for (const release of held.splice(0)) release();
    },
    close() {
      opened = false;
    },
    whenHolding(count) {
      return held.length >= count ? Promise.resolve() : new Promise((resolve) => watchers.push({ count, resolve }));
    },
  };
}

/** Resolves once `count` of the promises have settled, either way. */
function settled(promises: Array<Promise<unknown>>, count: number): Promise<void> {
  let done = 0;
  return new Promise((resolve) => {
    const tick = () => {
      if (++done === count) resolve();
    };
    for (const promise of promises) promise.then(tick, tick);
  });
}

const gate = gateTimer();
const held = slowEmulator({ timer: gate });
const groupBatch = (from: number, count: number) => ({
  requests: Array.from({ length: count }, (_, i) => ({
    id: String(i),
    method: "POST",
    url: "/external/connections/cost/groups",
    headers: { "Content-Type": "application/json" },
    body: { id: `g${from + i}` },
  })),
});

/** A client that does not hold itself to Graph's limit, as a naive script would not. */
const unlimited = (emulator: GraphEmulator) => adminClient(emulator, emulatorCredential(emulator), { concurrencyLimit: 1000 });

async function statusesOf(requests: Array<Promise<unknown>>): Promise<number[]> {
  return Promise.all(
    requests.map((request) =>
      request.then(
        () => 200,
        (error: { status?: number }) => error.status ?? 0,
      ),
    ),
  );
}

describe("emulator cost model", () => {
  beforeEach(async () => {
    gate.open();
    await adminClient(held.emulator).request("POST", "v1.0", "/external/connections", { id: "cost", name: "Cost" });
    held.emulator.resetStats();
    gate.close();
  });
  afterEach(() => gate.open());

  test(`more than ${CONCURRENT_OPERATIONS_PER_CONNECTION} concurrent operations of one app on one connection get 429 with Retry-After`, async () => {
    const graph = unlimited(held.emulator);
    const requests = Array.from({ length: 30 }, () => graph.request("GET", "v1.0", "/external/connections/cost"));
    // 25 in flight until the gate opens, and the 5 beyond the limit answered at once.
    await Promise.all([gate.whenHolding(25), settled(requests, 5)]);
    gate.open();
    const statuses = await statusesOf(requests);
    expect(statuses.filter((status) => status === 200)).toHaveLength(25);
    expect(statuses.filter((status) => status === 429)).toHaveLength(5);
    expect(held.emulator.stats()).toEqual({ requests: 30, operations: 30, throttled: 5, peakConcurrency: { cost: 25 } });
    // Once the others finished, the limit has room again.
    expect((await graph.request("GET", "v1.0", "/external/connections/cost")).status).toBe(200);
  });

  test("a request is answered, a refusal too, and takes effect only once its service time has ended", async () => {
    const graph = unlimited(held.emulator);
    const created = graph.request("POST", "v1.0", "/external/connections/cost/groups", { id: "held" });
    const malformed = graph.request("POST", "v1.0", "/external/connections/cost/groups", { id: "bad", colour: "red" });
    let answered = 0;
    for (const request of [created, malformed])
      request.then(
        () => {
          answered += 1;
        },
        () => {
          answered += 1;
        },
      );
    await gate.whenHolding(2);
    // Both are held: the refusal worked out on arrival waits out its service time like any answer.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(answered).toBe(0);
    expect(held.emulator.store.connection("cost")?.groups.has("held")).toBe(false);
    gate.open();
    expect(await statusesOf([created, malformed])).toEqual([200, 400]);
    expect(held.emulator.store.connection("cost")?.groups.has("held")).toBe(true);
  });

  test("a $batch is one request but one operation per inner request, run concurrently and throttled one by one", async () => {
    const graph = unlimited(held.emulator);
    const batches = [
      graph.request("POST", "v1.0", BATCH_PATH, groupBatch(0, 20)),
      graph.request("POST", "v1.0", BATCH_PATH, groupBatch(20, 20)),
    ];
    // A batch's inner requests are admitted or refused together, so once 25 are held both batches have been.
    await gate.whenHolding(25);
    gate.open();
    const [first, second] = await Promise.all(batches);
    const statuses = [
      ...(first.body as { responses: Array<{ status: number; headers: Record<string, string> }> }).responses,
      ...(second.body as { responses: Array<{ status: number; headers: Record<string, string> }> }).responses,
    ];
    expect(statuses.filter((answer) => answer.status === 201)).toHaveLength(25);
    const refused = statuses.filter((answer) => answer.status === 429);
    expect(refused).toHaveLength(15);
    expect(refused[0].headers["Retry-After"]).toBe("1");
    expect(held.emulator.stats()).toMatchObject({ requests: 2, operations: 40, throttled: 15, peakConcurrency: { cost: 25 } });
  });
});

describe("group administration rate", () => {
  const limited = slowEmulator({ opMs: 0, groupRequestsPerSecond: 10 });

  test("group requests beyond the per-second threshold get 429", async () => {
    const graph = unlimited(limited.emulator);
    await graph.request("POST", "v1.0", "/external/connections", { id: "rate", name: "Rate" });
    await graph.request("POST", "v1.0", "/external/connections/rate/groups", { id: "g1" });
    const statuses = await statusesOf(
      Array.from({ length: 14 }, () => graph.request("GET", "v1.0", "/external/connections/rate/groups/g1")),
    );
    expect(statuses.filter((status) => status === 429)).toHaveLength(5);
    // Connection requests are not group administration.
    expect(await statusesOf([graph.request("GET", "v1.0", "/external/connections/rate")])).toEqual([200]);
  });
});

/** Real time whose every wait ends `lateMs` late, as a busy event loop's timers do, recording the deadlines asked. */
function lateTimer(lateMs: number): CostTimer & { deadlines: number[] } {
  const deadlines: number[] = [];
  return {
    deadlines,
    now: realCostTimer.now,
    async until(deadline) {
      deadlines.push(deadline);
      // A Node timer may also fire a little early: wait again until the lateness is real.
      while (realCostTimer.now() < deadline + lateMs) await realCostTimer.until(deadline + lateMs);
    },
  };
}

describe("the cost model charges its own time, whatever a timer's lateness", () => {
  const timer = lateTimer(4);
  const timed = slowEmulator({ latencyMs: 5, opMs: 30, timer });
  beforeEach(async () => {
    await adminClient(timed.emulator).request("POST", "v1.0", "/external/connections", { id: "cost", name: "Cost" });
    timer.deadlines.length = 0;
  });

  test("an operation's service time runs from the end of its latency, not from when a late timer fired", async () => {
    const graph = unlimited(timed.emulator);
    await graph.request("GET", "v1.0", "/external/connections/cost");
    const [arrived, served] = timer.deadlines;
    expect(timer.deadlines).toHaveLength(2);
    expect(served - arrived).toBe(30);
  });

  test("the independent requests of a $batch all start with the batch; one that depends on another starts once that one has answered", async () => {
    const graph = unlimited(timed.emulator);
    await graph.request("POST", "v1.0", BATCH_PATH, groupBatch(0, 3));
    const [arrived, ...served] = timer.deadlines;
    expect(served).toEqual([arrived + 30, arrived + 30, arrived + 30]);

    timer.deadlines.length = 0;
    const sequenced = groupBatch(3, 2);
    Object.assign(sequenced.requests[1], { dependsOn: ["0"] });
    await graph.request("POST", "v1.0", BATCH_PATH, sequenced);
    const [batchArrived, first, second] = timer.deadlines;
    expect(first).toBe(batchArrived + 30);
    // It ran once the first had answered, which was late.
    expect(second).toBeGreaterThanOrEqual(first + 4 + 30);
  });
});

describe("GET /_emulator/stats", () => {
  test("reports requests, operations, throttled answers and peak concurrency, and resets", async () => {
    const graph = adminClient(env.emulator);
    await graph.request("POST", "v1.0", "/external/connections", { id: "cost", name: "Cost" });
    await graph.request("POST", "v1.0", BATCH_PATH, groupBatch(0, 3));
    const stats = await (await fetch(`${env.emulator.url}/_emulator/stats`)).json();
    expect(stats).toEqual({ requests: 2, operations: 4, throttled: 0, peakConcurrency: { cost: 3 } });
    await fetch(`${env.emulator.url}/_emulator/stats`, { method: "DELETE" });
    expect(await (await fetch(`${env.emulator.url}/_emulator/stats`)).json()).toEqual({
      requests: 0,
      operations: 0,
      throttled: 0,
      peakConcurrency: {},
    });
  });
});

describe("the provider inside Graph's limits", () => {
  const busy = slowEmulator({ opMs: 100 });

  test("groups created at once share one budget per connection: the limit filled, never exceeded, no 429", async () => {
    await adminClient(busy.emulator).request("POST", "v1.0", "/external/connections", { id: "busy", name: "Busy" });
    busy.emulator.resetStats();
    const ctx = testContext(busy.emulator);
    await Promise.all(
      [1, 2, 3].map((group) =>
        externalGroupHandler.create(ctx, {
          connectionId: "busy",
          groupId: `g${group}`,
          members: Array.from({ length: 40 }, (_, i) => member(group, i)),
        }),
      ),
    );
    const stats = busy.emulator.stats();
    expect(stats.throttled).toBe(0);
    expect(stats.peakConcurrency.busy).toBe(25);
    expect(stats.operations).toBe(3 + 120);
    expect([...busy.emulator.store.connection("busy")!.groups.values()].map((group) => group.members.size)).toEqual([40, 40, 40]);
  });

  test("groups handed over all at once fill the budget with batches of 20 and 5, not with fragments", async () => {
    // The first create goes alone and comes back before the batches sent after it: the unit it frees waits
    // for the next answer instead of going out alone, round after round (20 + 4 + 1 per round before).
    const ctx = testContext(busy.emulator);
    // The connection is created with this client, so that its token is at hand when the groups come.
    await ctx.graph.request("POST", "v1.0", "/external/connections", { id: "busy", name: "Busy" });
    busy.emulator.resetStats();
    // Creates enough for two full batches after the first, so that they go at once (a partial batch would
    // wait to gather).
    await Promise.all(
      Array.from({ length: 50 }, (_, group) =>
        externalGroupHandler.create(ctx, {
          connectionId: "busy",
          groupId: `g${group}`,
          members: Array.from({ length: 4 }, (_, i) => member(group, i)),
        }),
      ),
    );
    const stats = busy.emulator.stats();
    expect([stats.operations, stats.throttled, stats.peakConcurrency.busy]).toEqual([250, 0, 25]);
    // Two calls per round of 25 operations, and the lone first create.
    expect(stats.requests).toBeLessThanOrEqual(2 * Math.ceil(250 / CONCURRENT_OPERATIONS_PER_CONNECTION) + 1);
  });
});

describe("sequential batches when the budget is full many times over", () => {
  const quick = slowEmulator({ opMs: 10 });
  const groups = 25;
  const createAll = (ctx: ReturnType<typeof testContext>) =>
    Promise.allSettled(
      Array.from({ length: groups }, (_, group) =>
        externalGroupHandler.create(ctx, {
          connectionId: "chain",
          groupId: `g${group}`,
          members: Array.from({ length: 40 }, (_, i) => member(group, i)),
        }),
      ),
    );
  const memberCounts = () => [...quick.emulator.store.connection("chain")!.groups.values()].map((group) => group.members.size);
  beforeEach(async () => {
    await adminClient(quick.emulator).request("POST", "v1.0", "/external/connections", { id: "chain", name: "Chain" });
    quick.emulator.resetStats();
  });

  test("1,000 member writes go in chains of 20, one unit of the budget each: the limit filled, never exceeded, fewer calls", async () => {
    const ctx = testContext(quick.emulator);
    const results = await createAll(ctx);
    expect(results.every((result) => result.status === "fulfilled")).toBe(true);
    expect(memberCounts()).toEqual(Array.from({ length: groups }, () => 40));
    expect(ctx.graph.batches.sequential).toBe(true);
    const stats = quick.emulator.stats();
    expect([stats.operations, stats.throttled, stats.peakConcurrency.chain]).toEqual([groups * 41, 0, 25]);
    // Parallel batches alone take two calls per 25 operations (82 here); the first 500 writes went 20 a call.
    expect(stats.requests).toBeLessThan(2 * Math.ceil((groups * 41) / CONCURRENT_OPERATIONS_PER_CONNECTION) - 20);
  });

  /** 300 member writes on 10 groups, handed to the batch queue in one submission (what a set's sync does). */
  async function submitWrites(): Promise<{ ctx: ReturnType<typeof testContext>; statuses: number[] }> {
    const admin = adminClient(quick.emulator);
    for (let group = 0; group < 10; group++)
      await admin.request("POST", "v1.0", groupsPath("chain"), { id: `g${group}`, displayName: `g${group}` });
    quick.emulator.resetStats();
    // Unpaced, so that every chain is out before the first ends (the group rate would spread them over 0.3 s).
    const ctx = testContext(quick.emulator, { groupRequestsPerSecond: 1_000_000 });
    const items = Array.from({ length: 300 }, (_, n) => {
      const { id, type } = member(n % 10, Math.floor(n / 10));
      return { method: "POST" as const, url: memberPath("chain", `g${n % 10}`), body: { id, type } };
    });
    const results = await ctx.graph.batches.submit("v1.0", items);
    return { ctx, statuses: results.map((result) => result.status) };
  }

  test("300 writes handed over at once: each unit of the budget strings its equal share together, 12 a chain, so they end together", async () => {
    const { ctx, statuses } = await submitWrites();
    expect(statuses.every((status) => status === 201)).toBe(true);
    expect(ctx.graph.batches.sequential).toBe(true);
    const stats = quick.emulator.stats();
    // 300 ÷ 25 units: 25 chains of 12, one call each (parallel batches: 15 calls, in 12 round trips).
    expect([stats.requests, stats.operations, stats.throttled]).toEqual([25, 300, 0]);
    expect(stats.peakConcurrency.chain).toBeLessThanOrEqual(CONCURRENT_OPERATIONS_PER_CONNECTION);
  });

  test("a chain refused whole (the $batch call answered 400): none of it ran, it goes again in parallel batches, and chains stop", async () => {
    quick.emulator.addFaults({ method: "POST", path: "^/v1.0/\\$batch$", status: 400, times: 1 });
    const { ctx, statuses } = await submitWrites();
    expect(statuses.every((status) => status === 201)).toBe(true);
    expect(memberCounts()).toEqual(Array.from({ length: 10 }, () => 30));
    expect(ctx.graph.batches.sequential).toBe(false);
    expect(quick.emulator.stats().throttled).toBe(0);
  });

  // The 300th member write: by then the writes go in chains (the first test), with many after it in its chain.
  const memberWrite = { method: "POST", path: "^/v1.0/external/connections/chain/groups/g\\d+/members$", every: 300, times: 1 };

  test("a chain broken by a refused request: the requests after it are answered 424 unrun and go again; only the refused one fails", async () => {
    quick.emulator.addFaults({ ...memberWrite, status: 400 });
    const ctx = testContext(quick.emulator);
    const results = await createAll(ctx);
    const failed = results.flatMap((result) => (result.status === "rejected" ? [String(result.reason)] : []));
    expect(failed).toEqual([expect.stringMatching(/1 of 40 member changes of group 'g\d+' failed: POST \S+ → 400 /)]);
    expect(memberCounts().reduce((sum, count) => sum + count, 0)).toBe(groups * 40 - 1);
    expect(quick.emulator.stats().throttled).toBe(0);
    // A refusal is no sign that Graph counts a chain differently: chains go on.
    expect(ctx.graph.batches.sequential).toBe(true);
  });

  test("a request of a chain throttled by Graph: chains stop for good, everything converges after the Retry-After", async () => {
    quick.emulator.addFaults({ ...memberWrite, status: 429, retryAfterSeconds: 1 });
    const ctx = testContext(quick.emulator);
    const results = await createAll(ctx);
    expect(results.every((result) => result.status === "fulfilled")).toBe(true);
    expect(memberCounts()).toEqual(Array.from({ length: groups }, () => 40));
    expect(ctx.sleeps).toEqual([1000]);
    expect(ctx.graph.batches.sequential).toBe(false);
  });
});

describe("under injected throttling", () => {
  test("a 429 on every 5th operation: groups, member sets and member resources all converge, nothing lost", async () => {
    await adminClient(env.emulator).request("POST", "v1.0", "/external/connections", { id: "storm", name: "Storm" });
    env.emulator.addFaults({ status: 429, retryAfterSeconds: 1, every: 5, times: 100_000 });
    const ctx = testContext(env.emulator);
    await Promise.all(
      [1, 2, 3].map((group) =>
        externalGroupHandler.create(ctx, {
          connectionId: "storm",
          groupId: `g${group}`,
          members: Array.from({ length: 40 }, (_, i) => member(group, i)),
        }),
      ),
    );
    await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        externalGroupMemberHandler.create(ctx, {
          connectionId: "storm",
          groupId: "g1",
          memberId: userId(900 + i),
          memberType: "user",
        }),
      ),
    );
    const groups = env.emulator.store.connection("storm")!.groups;
    expect([...groups.values()].map((group) => group.members.size)).toEqual([70, 40, 40]);
    expect(env.emulator.requestLog(/ 429/).length).toBeGreaterThan(20);
    // Every wait was the Retry-After Graph asked for.
    expect(new Set(ctx.sleeps)).toEqual(new Set([1000]));
  });
});

describe("the provider under the group administration threshold", () => {
  const fast = slowEmulator({ opMs: 0, groupRequestsPerSecond: 60 });

  test("member changes of many groups are paced below the threshold: no 429", async () => {
    await adminClient(fast.emulator).request("POST", "v1.0", "/external/connections", { id: "paced", name: "Paced" });
    fast.emulator.resetStats();
    const ctx = testContext(fast.emulator, { groupRequestsPerSecond: 60 });
    await Promise.all(
      [1, 2].map((group) =>
        externalGroupHandler.create(ctx, {
          connectionId: "paced",
          groupId: `g${group}`,
          members: Array.from({ length: 40 }, (_, i) => member(group, i)),
        }),
      ),
    );
    expect(fast.emulator.stats().throttled).toBe(0);
    expect([...fast.emulator.store.connection("paced")!.groups.values()].map((group) => group.members.size)).toEqual([40, 40]);
  });
});
