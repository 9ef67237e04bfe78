/**
 * Paces requests to a number per sliding second: Graph throttles group administration at 1,000 requests per
 * second (model/limits.ts), and a provider process that batches member changes of many groups at once can
 * exceed that even inside the concurrency budget when Graph answers fast. Paced in real time, as Graph's
 * window is, below the limit by a margin, and with a window longer than a second by a jitter allowance: a
 * burst that reaches Graph late would otherwise share Graph's second with the next one sent a second later
 * (seen on a loaded CI machine: 7 of 2 x 40 requests throttled at a limit of 60/s).
 */
export const RATE_MARGIN = 0.95;
/** How late a burst may reach Graph, relative to the next, without the two landing in one of Graph's seconds. */
export const JITTER_ALLOWANCE_MS = 100;
const WINDOW_MS = 1000 + JITTER_ALLOWANCE_MS;

export class RateLimiter {
  private readonly sent: number[] = [];
  readonly perSecond: number;

  constructor(
    limitPerSecond: number,
    private readonly now: () => number = Date.now,
    private readonly wait: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  ) {
    this.perSecond = Math.max(1, Math.floor(limitPerSecond * RATE_MARGIN));
  }

  /** Resolves once `count` more requests fit in the last second, and counts them as sent. */
  async take(count: number): Promise<void> {
    if (count <= 0) return;
    for (;;) {
      const now = this.now();
      while (this.sent.length > 0 && now - this.sent[0] >= WINDOW_MS) this.sent.shift();
      // A request larger than the whole allowance still goes, alone in its second.
      if (this.sent.length === 0 || this.sent.length + count <= this.perSecond) {
        for (let i = 0; i < count; i++) this.sent.push(now);
        return;
      }
      await this.wait(WINDOW_MS - (now - this.sent[0]) + 1);
    }
  }
}
