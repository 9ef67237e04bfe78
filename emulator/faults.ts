/**
 * Test-only fault injection: "the next N requests matching X get Y". Rules apply in the order added and each
 * counts down its `times`; requests inside `$batch` are matched on their own, as Graph throttles them one by one.
 */
export interface FaultRule {
  /** Only this method (any when absent). */
  method?: string;
  /** A regular expression (source text) matched against the path including the version, e.g. `^/v1.0/external/connections$`. */
  path?: string;
  /** How many matching requests are affected. @default 1 */
  times?: number;
  /** Answer with this status (a Graph-shaped error body unless `body` is given). */
  status?: number;
  /** With `status` 429/503/504: the Retry-After header in seconds. */
  retryAfterSeconds?: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Destroy the socket without answering (a connection reset). */
  reset?: boolean;
  /** Delay the request by this many milliseconds, then handle it normally (unless `status`/`reset` is set). */
  delayMs?: number;
  /** Let the request be handled, then replace the answer: the work is done but the client sees a failure. */
  afterHandling?: boolean;
}

export class FaultQueue {
  private rules: Array<FaultRule & { remaining: number }> = [];

  add(...rules: FaultRule[]): void {
    for (const rule of rules) this.rules.push({ ...rule, remaining: rule.times ?? 1 });
  }

  clear(): void {
    this.rules = [];
  }

  /** Takes one use of the first rule matching this request, if any. */
  take(method: string, path: string): FaultRule | undefined {
    const index = this.rules.findIndex((rule) =>
      (!rule.method || rule.method.toUpperCase() === method.toUpperCase()) && (!rule.path || new RegExp(rule.path).test(path)));
    if (index < 0) return undefined;
    const rule = this.rules[index];
    rule.remaining -= 1;
    if (rule.remaining <= 0) this.rules.splice(index, 1);
    return rule;
  }

  pending(): number {
    return this.rules.length;
  }
}
