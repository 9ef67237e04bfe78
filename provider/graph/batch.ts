import type { ApiVersion, GraphClient } from "./client";
import { HttpMethod } from "./request";

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
  /** Statuses of earlier answers that were re-sent (e.g. a 503 before the final 409). */
  retriedAfter?: number[];
}

/**
 * Sends independent requests through JSON batching: they join the connection's batch queue (batchQueue.ts),
 * shared with every other resource of the provider process, which sends them as `$batch` calls of up to 20
 * within Graph's 25 concurrent operations per connection, re-sending inner 429/503/504 answers after the
 * client's retry delay. Results come back in input order; failures are returned, not thrown, so callers
 * decide per item: a request whose `$batch` call failed is `lost` (or answered with that call's 4xx, which
 * Graph sends before acting on anything).
 */
export function sendBatch(client: GraphClient, version: ApiVersion, items: BatchItem[]): Promise<BatchResult[]> {
  return client.batches.submit(version, items);
}
