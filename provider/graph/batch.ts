import { BATCH_MAX_REQUESTS, BATCH_PATH } from "../../model/batch";
import { MAX_RETRY_AFTER_MS } from "../../model/limits";
import { ApiVersion, GraphClient } from "./client";
import { HttpMethod } from "./request";
import { parseRetryAfterMs } from "./retryAfter";
import { TRANSIENT_STATUSES } from "../../model/limits";
import { isGraphError } from "./errors";

export interface BatchItem {
  method: HttpMethod;
  /** Relative to the version root, e.g. `/external/connections/hr/groups/g1/members`. */
  url: string;
  body?: unknown;
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
}

export interface BatchOptions {
  sleep: (ms: number) => Promise<void>;
  now: () => number;
  /** Rounds of re-sending inner requests that answered 429/503/504. @default 8 */
  maxRounds?: number;
  /** Used when a throttled inner response has no Retry-After. @default 1000 */
  fallbackDelayMs?: number;
  /** Cap of an inner Retry-After. @default 600000 */
  maxRetryAfterMs?: number;
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
 * Sends independent requests through JSON batching, 20 per `$batch`. Graph throttles each inner request on
 * its own, so inner 429/503/504 answers are re-sent (only those) after the longest Retry-After among them.
 * The outer `$batch` call goes through the client's pipeline and so gets its normal retries.
 * Results come back in input order; failures are returned, not thrown, so callers decide per item. When a
 * `$batch` call fails even after the pipeline's retries, its requests are `lost` (or answered with its 4xx,
 * which Graph sends before acting on anything) and later ones `unsent`: callers then know exactly which
 * changes may have happened.
 */
export async function sendBatch(client: GraphClient, version: ApiVersion, items: BatchItem[], options: BatchOptions): Promise<BatchResult[]> {
  const results: Array<BatchResult | undefined> = new Array(items.length);
  let pending = items.map((_, index) => index);
  const maxRounds = options.maxRounds ?? 8;
  for (let round = 0; pending.length > 0; round++) {
    const throttled: number[] = [];
    let waitMs = 0;
    for (let start = 0; start < pending.length; start += BATCH_MAX_REQUESTS) {
      const chunk = pending.slice(start, start + BATCH_MAX_REQUESTS);
      const requests = chunk.map((index) => {
        const item = items[index];
        return {
          id: String(index),
          method: item.method,
          url: item.url,
          ...(item.body === undefined ? {} : { body: item.body, headers: { "Content-Type": "application/json" } }),
        };
      });
      let response;
      try {
        response = await client.request("POST", version, BATCH_PATH, { requests });
      } catch (error) {
        return settleAfterFailure(items, results, pending.slice(start), chunk.length, error as Error);
      }
      const answers = ((response.body as { responses?: InnerResponse[] })?.responses ?? []);
      for (const answer of answers) {
        const index = Number(answer.id);
        const headers = lowerCaseHeaders(answer.headers);
        results[index] = { item: items[index], status: answer.status, headers, body: answer.body, delivery: "answered" };
        if (TRANSIENT_STATUSES.includes(answer.status) && round < maxRounds) {
          throttled.push(index);
          const retryAfterMs = parseRetryAfterMs(headers, options.now()) ?? options.fallbackDelayMs ?? 1000;
          waitMs = Math.max(waitMs, Math.min(retryAfterMs, options.maxRetryAfterMs ?? MAX_RETRY_AFTER_MS));
        }
      }
    }
    pending = throttled;
    if (pending.length > 0) await options.sleep(waitMs);
  }
  return items.map((item, index) => results[index] ?? {
    item, status: 0, headers: {}, delivery: "lost", body: { error: { code: "missingBatchResponse", message: "the $batch answer had no response for this request" } },
  });
}

/**
 * Results after a `$batch` call failed for good: its own requests were refused (a 4xx: Graph did nothing) or
 * lost (a 5xx or a broken connection may hide work done); the requests after it were not sent again and keep
 * their earlier answer (a 429 or 503 of an earlier round), or are `unsent`.
 */
function settleAfterFailure(items: BatchItem[], results: Array<BatchResult | undefined>, remaining: number[], failedCount: number, error: Error): BatchResult[] {
  const refused = isGraphError(error) && error.status >= 400 && error.status < 500;
  remaining.forEach((index, position) => {
    const earlier = results[index];
    if (position >= failedCount) {
      results[index] = earlier ?? { item: items[index], status: 0, headers: {}, body: undefined, delivery: "unsent", error };
    } else if (refused) {
      // Refused before anything was done: what an earlier round's answer said still holds.
      results[index] = earlier ?? { item: items[index], status: (error as { status: number }).status, headers: {}, body: undefined, delivery: "answered", error };
    } else {
      results[index] = { item: items[index], status: 0, headers: {}, body: undefined, delivery: "lost", error };
    }
  });
  return items.map((item, index) => results[index]!);
}
