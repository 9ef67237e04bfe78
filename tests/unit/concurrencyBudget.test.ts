import { ConcurrencyBudget } from "../../provider/graph/concurrencyBudget";

describe("ConcurrencyBudget", () => {
  test("fills the limit with batches of 20 and 5, and makes the rest wait in arrival order", async () => {
    const budget = new ConcurrencyBudget(25);
    const first = await budget.acquireUpTo("hr", 20);
    const second = await budget.acquireUpTo("hr", 20);
    expect([first.units, second.units, budget.inUse("hr")]).toEqual([20, 5, 25]);
    const granted: string[] = [];
    const third = budget.acquireUpTo("hr", 20).then((lease) => {
      granted.push(`third:${lease.units}`);
      return lease;
    });
    const fourth = budget.acquire("hr", 1).then((lease) => {
      granted.push(`fourth:${lease.units}`);
      return lease;
    });
    await Promise.resolve();
    expect(granted).toEqual([]);
    second.release();
    expect((await third).units).toBe(5);
    first.release();
    await fourth;
    expect(granted).toEqual(["third:5", "fourth:1"]);
    expect(budget.inUse("hr")).toBe(6);
  });

  test("a batch with a smallest size waits for that many units, and is then granted all that are free", async () => {
    const budget = new ConcurrencyBudget(25);
    const lone = await budget.acquireUpTo("hr", 1);
    const first = await budget.acquireUpTo("hr", 20, 5);
    const granted: number[] = [];
    const second = budget.acquireUpTo("hr", 20, 5).then((lease) => {
      granted.push(lease.units);
      return lease;
    });
    await Promise.resolve();
    // 4 units are free: too few.
    expect([first.units, granted]).toEqual([20, []]);
    lone.release();
    expect((await second).units).toBe(5);
    // A smallest size above the limit or `max` is capped by them, so it never waits forever.
    const small = new ConcurrencyBudget(3);
    expect((await small.acquireUpTo("hr", 2, 5)).units).toBe(2);
  });

  test("connections have budgets of their own, and a release counts once", async () => {
    const budget = new ConcurrencyBudget(25);
    const hr = await budget.acquire("hr", 25);
    const kb = await budget.acquire("kb", 25);
    hr.release();
    hr.release();
    expect([budget.inUse("hr"), budget.inUse("kb")]).toEqual([0, 25]);
    kb.release();
  });
});
