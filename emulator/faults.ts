/**
 * Test-only fault injection: "the next N requests matching X get Y". Rules apply in the order added and each
 * counts down its `times`; requests inside `$batch` are matched on their own, as Graph throttles them one by one.
 */
import { ControlError } from "./controlError";

export interface FaultRule {
  /** Only this method (any when absent). */
  method?: string;
  /** A regular expression (source text) matched against the path including the version, e.g. `^/v1.0/external/connections$`. */
  path?: string;
  /** How many matching requests are affected. @default 1 */
  times?: number;
  /** Affect only every Nth matching request (e.g. 5: the 5th, 10th, …), `times` of them. @default 1 */
  every?: number;
  /** Answer with this status: an error status with a Graph-shaped error body, a success status with none, unless `body` is given. */
  status?: number;
  /** With `status` 429/503/504: the Retry-After header in seconds. */
  retryAfterSeconds?: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Destroy the socket without answering (a connection reset); with `afterHandling`, once the request was handled (a lost answer). */
  reset?: boolean;
  /** Delay the request by this many milliseconds, then handle it normally (unless `status`/`reset` is set). */
  delayMs?: number;
  /** Let the request be handled, then replace the answer (`status`) or drop it (`reset`): the work is done but the client sees a failure. */
  afterHandling?: boolean;
}

/** A fault rule that could never work (e.g. a path that is no regular expression). */
export class FaultRuleError extends ControlError {
  override readonly name = "FaultRuleError";
}

function ruleProblem(rule: unknown): string | undefined {
  if (rule === null || typeof rule !== "object" || Array.isArray(rule)) return "a fault rule must be an object";
  const { method, path, times, status, retryAfterSeconds, delayMs, every } = rule as Record<string, unknown>;
  if (every !== undefined && (!Number.isInteger(every) || (every as number) < 1)) return "every must be a whole number of 1 or more";
  if (method !== undefined && typeof method !== "string") return "method must be a string";
  if (path !== undefined) {
    if (typeof path !== "string") return "path must be a regular expression's source text";
    try {
      new RegExp(path);
    } catch (error) {
      return `path is not a valid regular expression: ${(error as Error).message}`;
    }
  }
  for (const [name, value] of Object.entries({ times, retryAfterSeconds, delayMs })) {
    if (value !== undefined && (typeof value !== "number" || !(value >= 0))) return `${name} must be a number of 0 or more`;
  }
  if (status !== undefined && (!Number.isInteger(status) || (status as number) < 100 || (status as number) > 599))
    return "status must be an HTTP status code";
  return undefined;
}

export class FaultQueue {
  private rules: Array<FaultRule & { remaining: number; seen: number }> = [];

  /** Adds rules, all or none: an invalid one throws FaultRuleError and nothing is added. */
  add(...rules: FaultRule[]): void {
    rules.forEach((rule, index) => {
      const problem = ruleProblem(rule);
      if (problem) throw new FaultRuleError(`fault rule ${index}: ${problem}`);
    });
    for (const rule of rules) this.rules.push({ ...rule, remaining: rule.times ?? 1, seen: 0 });
  }

  clear(): void {
    this.rules = [];
  }

  /** Takes one use of the first rule matching this request, if any. */
  take(method: string, path: string): FaultRule | undefined {
    const matches = (rule: FaultRule) =>
      (!rule.method || rule.method.toUpperCase() === method.toUpperCase()) && (!rule.path || new RegExp(rule.path).test(path));
    // A rule that skips this request (`every`) still counts it.
    const index = this.rules.findIndex((rule) => matches(rule) && (rule.seen += 1) % (rule.every ?? 1) === 0);
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
