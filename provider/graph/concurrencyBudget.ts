/**
 * One budget of concurrent Graph operations per connection, shared by every request a provider process
 * makes: Graph allows an application 25 concurrent operations on a connection (model/limits.ts) and answers
 * the 26th with 429, so the client never has more in flight. A parallel `$batch` of n requests holds n units
 * (Graph counts each inner request); a sequential one holds one (its requests run one at a time). Waiters
 * are served in arrival order, so a large batch is not starved.
 */
export interface Lease {
  units: number;
  release(): void;
}

interface Waiter {
  min: number;
  max: number;
  grant: (units: number) => void;
}

export class ConcurrencyBudget {
  private readonly used = new Map<string, number>();
  private readonly waiting = new Map<string, Waiter[]>();

  constructor(readonly limit: number) {}

  /** Units in use for `key` right now. */
  inUse(key: string): number {
    return this.used.get(key) ?? 0;
  }

  /** Exactly `units` (at most the limit), once they are free. */
  acquire(key: string, units: number): Promise<Lease> {
    const wanted = Math.min(Math.max(1, units), this.limit);
    return this.enqueue(key, wanted, wanted);
  }

  /**
   * As many units as are free, up to `max`, once at least `min` are (1 by default; at most `max` and the
   * limit): a batch sized to fill the budget.
   */
  acquireUpTo(key: string, max: number, min = 1): Promise<Lease> {
    const most = Math.min(Math.max(1, max), this.limit);
    return this.enqueue(key, Math.min(Math.max(1, min), most), most);
  }

  private enqueue(key: string, min: number, max: number): Promise<Lease> {
    return new Promise((resolve) => {
      const queue = this.waiting.get(key) ?? [];
      queue.push({ min, max, grant: (units) => resolve(this.lease(key, units)) });
      this.waiting.set(key, queue);
      this.serve(key);
    });
  }

  private lease(key: string, units: number): Lease {
    let released = false;
    return {
      units,
      release: () => {
        if (released) return;
        released = true;
        this.used.set(key, this.inUse(key) - units);
        this.serve(key);
      },
    };
  }

  private serve(key: string): void {
    const queue = this.waiting.get(key) ?? [];
    while (queue.length > 0) {
      const free = this.limit - this.inUse(key);
      const next = queue[0];
      if (free < next.min) break;
      queue.shift();
      const units = Math.min(next.max, free);
      this.used.set(key, this.inUse(key) + units);
      next.grant(units);
    }
    if (queue.length === 0) this.waiting.delete(key);
  }
}
