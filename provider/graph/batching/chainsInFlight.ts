/**
 * Sequential batches in flight, per connection budget, and how far along they are likely to be: the equal
 * shares of plan.ts count what chains out have still to run. Timed on the queue's clock.
 */
export interface ChainRecord {
  readonly budgetKey: string;
  readonly sentAt: number;
  readonly length: number;
}

export class ChainsInFlight {
  private readonly out = new Map<string, Set<ChainRecord>>();
  /** How long a chained request took, from the last chain answered (undefined before the first). */
  private msPerChained?: number;

  constructor(private readonly now: () => number) {}

  /** A chain of `length` sent now on `budgetKey`'s connection. */
  sent(budgetKey: string, length: number): ChainRecord {
    const chain = { budgetKey, sentAt: this.now(), length };
    const chains = this.out.get(budgetKey) ?? new Set();
    chains.add(chain);
    this.out.set(budgetKey, chains);
    return chain;
  }

  /** Its answer came (or its call failed): it no longer counts, and its pace is the one to expect. */
  answered(chain: ChainRecord): void {
    const chains = this.out.get(chain.budgetKey);
    chains?.delete(chain);
    if (chains?.size === 0) this.out.delete(chain.budgetKey);
    const elapsed = this.now() - chain.sentAt;
    // A clock that did not move (a test's) tells nothing of the pace.
    if (elapsed > 0) this.msPerChained = elapsed / chain.length;
  }

  /**
   * Requests that chains in flight on a connection have still to run, from how long a chained request took in
   * the last chain answered (before one was, each counts whole).
   */
  workLeft(budgetKey: string): number {
    const now = this.now();
    let left = 0;
    for (const chain of this.out.get(budgetKey) ?? []) {
      left += this.msPerChained === undefined ? chain.length : Math.max(0, chain.length - (now - chain.sentAt) / this.msPerChained);
    }
    return left;
  }
}
