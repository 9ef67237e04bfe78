import { RateLimiter } from "../../provider/graph/rateLimiter";

describe("RateLimiter", () => {
  test("lets 90 % of the limit through in any second and makes the rest wait for the window to move", async () => {
    let now = 0;
    const waits: number[] = [];
    const limiter = new RateLimiter(1000, () => now, async (ms) => { waits.push(ms); now += ms; });
    expect(limiter.perSecond).toBe(900);
    await limiter.take(600);
    now = 400;
    await limiter.take(300);
    expect(waits).toEqual([]);
    await limiter.take(20); // the first 600 leave the window at 1000 ms
    expect(waits).toEqual([601]);
    expect(now).toBe(1001);
  });

  test("a request larger than the allowance goes alone in its second", async () => {
    let now = 0;
    const limiter = new RateLimiter(10, () => now, async (ms) => { now += ms; });
    await limiter.take(50);
    await limiter.take(1);
    expect(now).toBe(1001);
  });
});
