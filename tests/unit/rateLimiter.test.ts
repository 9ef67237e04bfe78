import { JITTER_ALLOWANCE_MS, RateLimiter } from "../../provider/graph/rateLimiter";

describe("RateLimiter", () => {
  test("lets 95 % of the limit through in any second plus the jitter allowance, and makes the rest wait", async () => {
    let now = 0;
    const waits: number[] = [];
    const limiter = new RateLimiter(
      1000,
      () => now,
      async (ms) => {
        waits.push(ms);
        now += ms;
      },
    );
    expect(limiter.perSecond).toBe(950);
    await limiter.take(600);
    now = 400;
    await limiter.take(350);
    expect(waits).toEqual([]);
    await limiter.take(20); // the first 600 leave the window at 1000 ms + the allowance
    expect(waits).toEqual([600 + JITTER_ALLOWANCE_MS + 1]);
    expect(now).toBe(1000 + JITTER_ALLOWANCE_MS + 1);
  });

  test("a burst that reaches Graph late still does not share Graph's second with the next one", async () => {
    let now = 0;
    const limiter = new RateLimiter(
      60,
      () => now,
      async (ms) => {
        now += ms;
      },
    );
    await limiter.take(limiter.perSecond);
    await limiter.take(1);
    // Sent at 0 and after 1,101 ms: a first burst delayed by up to 100 ms is still a second before it.
    expect(now - 0 - JITTER_ALLOWANCE_MS).toBeGreaterThanOrEqual(1000);
  });

  test("a request larger than the allowance goes alone in its window", async () => {
    let now = 0;
    const limiter = new RateLimiter(
      10,
      () => now,
      async (ms) => {
        now += ms;
      },
    );
    await limiter.take(50);
    await limiter.take(1);
    expect(now).toBe(1000 + JITTER_ALLOWANCE_MS + 1);
  });
});
