import { BATCH_MAX_REQUESTS, BATCH_PATH } from "../../model/batch";
import { connectionIdOf } from "../../model/connection";
import { TRANSIENT_STATUSES } from "../../model/limits";
import { ApiVersion, GraphClient } from "./client";
import { HttpMethod } from "./request";
import { isGraphError } from "./errors";

export interface BatchItem {
  method: HttpMethod;
  /** Relative to the version root, e.g. `/external/connections/hr/groups/g1/members`. */
  url: string;
  body?: unknown;
  /** Lower-case header names, e.g. `prefer`. */
  headers?: Record<string, string>;
}

/**
 * Whether Graph's answer to one inner request reached us: `answered` (see `status`), `lost` (the `$batch`
 * call itself failed in a way that may hide work done, or its answer left this request out) or `unsent`
 * (never sent, because an earlier `$batch` failed for good).
 */
export type BatchDelivery = "answered" | "lost" | "unsent";

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

export interface BatchOptions {
  sleep: (ms: number) => Promise<void>;
  now: () => number;
}

interface InnerResponse {
  id: string;
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

function lowerCaseHeaders(headers: Record<string, string> = {}): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), String(value)]));
}

/**
 * Sends independent requests of one connection through JSON batching, as several `$batch` calls in flight at
 * once within the connection's budget (client.budget): each call takes as many requests as the budget has
 * room for, up to 20, so the budget is filled (batches of 20 and 5 under Graph's 25) and never exceeded.
 * Graph throttles each inner request on its own, so inner 429/503/504 answers are re-sent (only those) after
 * the delay the client's retry policy gives (Retry-After, else backoff), up to its retry count. The outer
 * `$batch` call goes through the client's pipeline and so gets its normal retries.
 * Results come back in input order; failures are returned, not thrown, so callers decide per item. When a
 * `$batch` call fails even after the pipeline's retries, its requests are `lost` (or answered with its 4xx,
 * which Graph sends before acting on anything) and those not yet sent stay `unsent`: callers then know
 * exactly which changes may have happened.
 */
export async function sendBatch(client: GraphClient, version: ApiVersion, items: BatchItem[], options: BatchOptions): Promise<BatchResult[]> {
  const results: Array<BatchResult | undefined> = new Array(items.length);
  const retries = new Array<number>(items.length).fill(0);
  const budgetKey = connectionIdOf(items[0]?.url ?? "") ?? "";
  let pending = items.map((_, index) => index);
  while (pending.length > 0) {
    const throttled: number[] = [];
    let waitMs = 0;
    let failure: { error: Error; chunk: number[] } | undefined;
    const queue = [...pending];
    const inFlight: Array<Promise<void>> = [];
    while (queue.length > 0 && !failure) {
      const lease = await client.budget.acquireUpTo(budgetKey, Math.min(BATCH_MAX_REQUESTS, queue.length));
      if (failure) {
        lease.release();
        break;
      }
      const chunk = queue.splice(0, lease.units);
      inFlight.push(postChunk(client, version, items, chunk).then((answers) => {
        for (const answer of answers) {
          const index = Number(answer.id);
          const headers = lowerCaseHeaders(answer.headers);
          const retriedAfter = results[index] ? [...(results[index]!.retriedAfter ?? []), results[index]!.status] : undefined;
          results[index] = { item: items[index], status: answer.status, headers, body: answer.body, delivery: "answered", ...(retriedAfter ? { retriedAfter } : {}) };
          const delayMs = TRANSIENT_STATUSES.includes(answer.status) ? client.retryDelayMs({ status: answer.status, headers }, retries[index]) : undefined;
          if (delayMs !== undefined) {
            retries[index] += 1;
            throttled.push(index);
            waitMs = Math.max(waitMs, delayMs);
          }
        }
      }, (error: Error) => { failure ??= { error, chunk }; }).finally(() => lease.release()));
    }
    await Promise.all(inFlight);
    if (failure) return settleAfterFailure(items, results, failure.chunk, queue, failure.error);
    pending = throttled.sort((a, b) => a - b);
    if (pending.length > 0) await options.sleep(waitMs);
  }
  return items.map((item, index) => results[index] ?? {
    item, status: 0, headers: {}, delivery: "lost", body: { error: { code: "missingBatchResponse", message: "the $batch answer had no response for this request" } },
  });
}

async function postChunk(client: GraphClient, version: ApiVersion, items: BatchItem[], chunk: number[]): Promise<InnerResponse[]> {
  const requests = chunk.map((index) => {
    const item = items[index];
    return {
      id: String(index),
      method: item.method,
      url: item.url,
      ...(item.body === undefined && !item.headers ? {} : { headers: { ...item.headers, ...(item.body === undefined ? {} : { "Content-Type": "application/json" }) } }),
      ...(item.body === undefined ? {} : { body: item.body }),
    };
  });
  const response = await client.request("POST", version, BATCH_PATH, { requests });
  return (response.body as { responses?: InnerResponse[] })?.responses ?? [];
}

/**
 * Results after a `$batch` call failed for good: its own requests were refused (a 4xx: Graph did nothing) or
 * lost (a 5xx or a broken connection may hide work done); the requests not sent again in this round keep
 * their earlier answer (a 429 or 503 of an earlier round), or are `unsent`. Calls already in flight when it
 * failed have recorded their answers.
 */
function settleAfterFailure(items: BatchItem[], results: Array<BatchResult | undefined>, failed: number[], notSent: number[], error: Error): BatchResult[] {
  const refused = isGraphError(error) && error.status >= 400 && error.status < 500;
  for (const index of failed) {
    // Refused before anything was done: what an earlier round's answer said still holds.
    results[index] = refused
      ? results[index] ?? { item: items[index], status: (error as { status: number }).status, headers: {}, body: undefined, delivery: "answered", error }
      : { item: items[index], status: 0, headers: {}, body: undefined, delivery: "lost", error };
  }
  for (const index of notSent) results[index] ??= { item: items[index], status: 0, headers: {}, body: undefined, delivery: "unsent", error };
  return items.map((item, index) => results[index] ?? { item, status: 0, headers: {}, body: undefined, delivery: "unsent", error });
}
