/** What callers hand the batch queue, and what they get back, one per request. */
import type { HttpMethod } from "../request";

export interface BatchItem {
  method: HttpMethod;
  /** Relative to the version root, e.g. `/external/connections/hr/groups/g1/members`. */
  url: string;
  body?: unknown;
  /** Lower-case header names, e.g. `prefer`. */
  headers?: Record<string, string>;
}

/**
 * Whether Graph's answer to one inner request reached us: `answered` (see `status`), or `lost` (the `$batch`
 * call itself failed in a way that may hide work done, or its answer left this request out).
 */
export type BatchDelivery = "answered" | "lost";

export interface BatchResult {
  item: BatchItem;
  /** The inner answer's status; for a request not answered, the failed `$batch` call's status or 0. */
  status: number;
  headers: Record<string, string>;
  body: unknown;
  delivery: BatchDelivery;
  /** Why a `$batch` call failed, for results it left without an answer of their own. */
  error?: Error;
  /**
   * Why earlier attempts were sent again, in order: its own answer (`HTTP 503`), its `$batch` call's (`HTTP 429
   * to its $batch call`), or a network failure's message. Tells a caller that a failure preceded the final
   * answer (e.g. a 409 after a 503).
   */
  retriedAfter?: string[];
}
