/**
 * Paces requests to a number per sliding second: Graph throttles group administration at 1,000 requests per
 * second (model/limits.ts), and a provider process that batches member changes of many groups at once can
 * exceed that even inside the concurrency budget when Graph answers fast. Paced in real time, as Graph's
 * window is, below the limit by a margin so that network jitter does not push a burst over it.
 */
export const RATE_MARGIN = 0.9;

export class RateLimiter {
  private readonly sent: number[] = [];
  readonly perSecond: number;

  constructor(limitPerSecond: number, private readonly now: () => number = Date.now,
    private readonly wait: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms))) {
    this.perSecond = Math.max(1, Math.floor(limitPerSecond * RATE_MARGIN));
  }

  /** Resolves once `count` more requests fit in the last second, and counts them as sent. */
  async take(count: number): Promise<void> {
    if (count <= 0) return;
    for (;;) {
      const now = this.now();
      while (this.sent.length > 0 && now - this.sent[0] >= 1000) this.sent.shift();
      // A request larger than the whole allowance still goes, alone in its second.
      if (this.sent.length === 0 || this.sent.length + count <= this.perSecond) {
        for (let i = 0; i < count; i++) this.sent.push(now);
        return;
      }
      await this.wait(1000 - (now - this.sent[0]) + 1);
    }
  }
}
