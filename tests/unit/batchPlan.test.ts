/**
 * How the batch queue cuts its next `$batch` call (provider/graph/batching/plan.ts) and how far along it
 * counts the chains in flight (chainsInFlight.ts): chain lengths, batch sizes, on the numbers alone.
 */
import { ChainsInFlight } from "../../provider/graph/batching/chainsInFlight";
import { chainable, chainLength, MIN_CHAIN, nextBatch, smallestBatch, takeCount, Waiting } from "../../provider/graph/batching/plan";

const waiting = (count: number, unchainedAt: number[] = []): Waiting[] =>
  Array.from({ length: count }, (_, index) => (unchainedAt.includes(index) ? { unchained: true } : {}));
const chaining = { chainedWorkLeft: 0, limit: 25, chaining: true };

describe("batch sizes", () => {
  test.each([
    [25, 5],
    [20, 20],
    [40, 20],
    [45, 5],
    [3, 3],
  ])("a budget of %i sends at least %i at a time while others are out", (limit, smallest) => {
    expect(smallestBatch(limit)).toBe(smallest);
  });

  test("a parallel batch takes up to 20, and at least the budget's remainder after batches of 20", () => {
    expect(nextBatch(waiting(300), 0, 25)).toEqual({ parallel: { max: 20, min: 5 } });
    expect(nextBatch(waiting(3), 0, 25)).toEqual({ parallel: { max: 3, min: 5 } });
    // The pump takes as many as the budget granted.
    expect(takeCount(waiting(300), { parallel: { max: 20, min: 5 } }, 7)).toBe(7);
  });
});

describe("chain lengths", () => {
  test.each([
    [300, 12],
    [250, 10],
    [500, 20],
    [5000, 20],
  ])("%i requests waiting on an idle budget of 25: each unit strings its equal share of %i together", (count, length) => {
    expect(chainLength(waiting(count), chaining)).toBe(length);
  });

  test(`a share under ${MIN_CHAIN} goes in parallel batches`, () => {
    expect(chainLength(waiting(249), chaining)).toBe(0);
    expect(chainLength(waiting(52), chaining)).toBe(0);
  });

  test("the share counts what chains in flight have still to run, so the last chains end together", () => {
    expect(chainLength(waiting(100), { ...chaining, chainedWorkLeft: 200 })).toBe(12);
    expect(chainLength(waiting(100), { ...chaining, chainedWorkLeft: 149 })).toBe(0);
  });

  test("no chains once they stopped (Graph throttled or refused one)", () => {
    expect(chainLength(waiting(500), { ...chaining, chaining: false })).toBe(0);
  });

  test("requests a broken chain left unrun go in a parallel batch first: a chain stops before them", () => {
    expect(chainable(waiting(30, [15]))).toBe(15);
    expect(chainLength(waiting(500, [15]), chaining)).toBe(15);
    expect(chainLength(waiting(500, [5]), chaining)).toBe(0);
    expect(chainable(waiting(30, [0]))).toBe(0);
  });

  test("a chain granted its unit after unrun requests came back to the front takes what may still be chained, at least one", () => {
    expect(nextBatch(waiting(300), 12, 25)).toEqual({ chain: 12 });
    expect(takeCount(waiting(300), { chain: 12 }, 1)).toBe(12);
    expect(takeCount(waiting(300, [4]), { chain: 12 }, 1)).toBe(4);
    expect(takeCount(waiting(300, [0]), { chain: 12 }, 1)).toBe(1);
  });
});

describe("chains in flight", () => {
  test("count whole until one is answered, then by the pace the last one answered ran at", () => {
    let now = 0;
    const chains = new ChainsInFlight(() => now);
    const first = chains.sent("hr", 20);
    now = 150;
    const second = chains.sent("hr", 10);
    expect(chains.workLeft("hr")).toBe(30);
    // 20 requests in 200 ms: 10 ms each; the second chain has been out 50 ms, so it has 5 left.
    now = 200;
    chains.answered(first);
    expect(chains.workLeft("hr")).toBe(5);
    now = 250;
    expect(chains.workLeft("hr")).toBe(0);
    chains.answered(second);
    expect(chains.workLeft("hr")).toBe(0);
  });

  test("chains on one connection do not lengthen another's shares", () => {
    const chains = new ChainsInFlight(() => 0);
    chains.sent("hr", 20);
    expect([chains.workLeft("hr"), chains.workLeft("sales")]).toEqual([20, 0]);
  });

  test("a clock that did not move tells nothing of the pace: chains out still count whole", () => {
    const chains = new ChainsInFlight(() => 0);
    chains.answered(chains.sent("hr", 20));
    chains.sent("hr", 12);
    expect(chains.workLeft("hr")).toBe(12);
  });
});
