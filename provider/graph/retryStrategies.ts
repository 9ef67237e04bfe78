/**
 * Pure retry decisions, separate from the loop that counts and sleeps (policies/retryPolicy.ts).
 * Only what is known to be transient is retried: 429, 503, 504 and network failures. Other 4xx answers and
 * unknown errors (programming bugs) are final.
 */
import { isGraphNetworkError } from "./errors";
import { GraphResponse } from "./request";
import { parseRetryAfterMs } from "./retryAfter";
import { TRANSIENT_STATUSES } from "../../model/limits";

export interface RetryInfo {
  /** Retries already made for this request (0 on the first failure). */
  retryCount: number;
  response?: GraphResponse;
  error?: unknown;
  nowMs: number;
}

export type RetryDecision = { retryAfterMs: number } | { skip: true };

export interface RetryStrategy {
  name: string;
  decide(info: RetryInfo): RetryDecision;
}

const TRANSIENT_NETWORK_CODES = ["ECONNRESET", "ETIMEDOUT", "ECONNABORTED", "ECONNREFUSED", "EPIPE", "EAI_AGAIN", "ENETUNREACH"];
/** Failures before the request could reach Graph: no connection was made. */
const NEVER_SENT_CODES = ["ECONNREFUSED", "EAI_AGAIN", "ENETUNREACH"];

export function isTransientResponse(response: GraphResponse | undefined): boolean {
  return response !== undefined && TRANSIENT_STATUSES.includes(response.status);
}

function isTransientNetworkError(error: unknown): boolean {
  return isGraphNetworkError(error) && TRANSIENT_NETWORK_CODES.includes(error.code);
}

/**
 * Whether a failed attempt may still have done its work: a 5xx (Graph documents a create answered 503 that
 * did happen) or a connection lost after the request may have reached Graph. A 4xx, 429 included, is a
 * refusal before acting, and a connection never made carried nothing.
 */
export function mayHaveTakenEffect({ response, error }: Pick<RetryInfo, "response" | "error">): boolean {
  if (response) return response.status >= 500;
  return isGraphNetworkError(error) && !NEVER_SENT_CODES.includes(error.code);
}

/** Honours a server-given delay on a transient status. No jitter: the server's value is authoritative. */
export function throttlingRetryStrategy(options: { maxRetryAfterMs: number }): RetryStrategy {
  return {
    name: "throttling",
    decide({ response, nowMs }) {
      if (!isTransientResponse(response)) return { skip: true };
      const retryAfterMs = parseRetryAfterMs(response!.headers, nowMs);
      if (retryAfterMs === undefined) return { skip: true };
      return { retryAfterMs: Math.min(retryAfterMs, options.maxRetryAfterMs) };
    },
  };
}

/** Capped exponential backoff with ±20% jitter, for transient statuses without Retry-After and network errors. */
export function exponentialRetryStrategy(options: { baseDelayMs: number; maxDelayMs: number; random: () => number }): RetryStrategy {
  return {
    name: "exponential",
    decide({ response, error, retryCount }) {
      if (!isTransientResponse(response) && !isTransientNetworkError(error)) return { skip: true };
      const exponential = options.baseDelayMs * 2 ** retryCount;
      const jitter = 0.8 + 0.4 * options.random();
      return { retryAfterMs: Math.round(Math.min(options.maxDelayMs, exponential * jitter)) };
    },
  };
}
