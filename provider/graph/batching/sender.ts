import type { ApiVersion } from "../../../model/apiVersion";
import type { Lease } from "../concurrencyBudget";
import type { GraphResponse, HttpMethod, RetryEvent } from "../request";

/** The connection budget the queue draws on (concurrencyBudget.ts). */
export interface Budget {
  readonly limit: number;
  inUse(key: string): number;
  acquire(key: string, units: number): Promise<Lease>;
  acquireUpTo(key: string, max: number, min?: number): Promise<Lease>;
}

/** How an attempt ended, for the retry policy: Graph's answer, or no answer at all. */
export type AttemptOutcome = { response: Pick<GraphResponse, "status" | "headers"> } | { error: unknown };

/**
 * What the batch queue needs of the Graph client, and no more: the budget and the pacing it sends within, one
 * attempt at a time, and the client's retry policy. The queue owns the retries of what it sends (one budget
 * of retries per request, whether Graph answered it alone, inside a `$batch`, or answered the whole call), so
 * nothing it sends goes through the pipeline's retry loop, which would hold the budget while it waits.
 */
export interface BatchSender {
  readonly budget: Budget;
  /** Paces group administration requests (rateLimiter.ts). */
  readonly groupRate: { take(count: number): Promise<void> };
  /**
   * Sends one request once, its unit of the budget held by the caller: Graph's answer whatever its status.
   * Throws when no answer came (GraphNetworkError) or no token could be had.
   */
  attempt(method: HttpMethod, version: ApiVersion, path: string, body: unknown, headers: Record<string, string>): Promise<GraphResponse>;
  /** The wait before the next attempt after `outcome`, the same policy as the pipeline's; undefined: final. */
  retryDelayMs(outcome: AttemptOutcome, retryCount: number): number | undefined;
  /** Waits out a retry delay (the client's injected sleep). */
  sleep(ms: number): Promise<void>;
  /** Told of each retry, e.g. to log it. */
  onRetry?(event: RetryEvent): void;
}
