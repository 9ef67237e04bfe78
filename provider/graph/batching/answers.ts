/**
 * What becomes of each request of an attempt (a `$batch` call, or a request sent alone): settled with its
 * answer, sent again after the client's retry delay, or sent again at once because a broken chain left it
 * unrun. Every request keeps its own count of retries, the client's `maxRetries`, as it would alone:
 * concepts/throttling.md, "Throttling and batching": "Requests in a batch are evaluated individually against
 * throttling limits … You should retry each failed request from the batch using the value provided in the
 * retry-after response header from the JSON content. You might retry all the failed requests in a new batch
 * after the longest retry-after value." A `$batch` call that fails whole and transiently (429/503/504, a lost
 * connection) evaluated none of its requests: each goes again, counted apart from its own answers (queued.ts),
 * so a request in a batch rides out the throttling it would ride out alone. Counted against its requests, a
 * throttled call cost each of them a retry: under a 429 on every 5th request, where the call is one of the
 * five, a batched request then met a 429 on about one attempt in three instead of one in five.
 */
import { FAILED_DEPENDENCY_STATUS } from "../../../model/batch";
import { TRANSIENT_STATUSES } from "../../../model/limits";
import { GraphError, isGraphNetworkError } from "../errors";
import type { GraphResponse } from "../request";
import type { BatchResult } from "./items";
import { history, Queued } from "./queued";
import type { AttemptOutcome } from "./sender";
import type { InnerAnswer } from "./wire";

/**
 * How an attempt ended: an answer for each request (a `$batch` call answered 2xx, or a request sent alone,
 * whatever its status), the `$batch` call's own failure status, or no answer at all.
 */
export type CallOutcome = { answers: Array<InnerAnswer | undefined> } | { call: GraphResponse } | { error: unknown };

/** What becomes of one request. */
export type Verdict = { settle: BatchResult } | { again: Again } | { unrun: true };

export interface Judged {
  verdicts: Verdict[];
  /**
   * Graph throttled a request of a chain, or the chain's call itself, or refused a chain whole: chains stop
   * for good, as Graph's documents do not say how it counts a sequential batch against the 25 (a gateway that
   * counted all of a chain on arrival would throttle it).
   */
  stopChains: boolean;
}

/**
 * A retry: its delay, why (`HTTP 429`, a network failure's message), whether that was its call's answer (it
 * counts against the request's calls, else its own answers), and how it settles should the wait be cut short.
 */
export interface Again {
  delayMs: number;
  reason: string;
  call: boolean;
  otherwise: BatchResult;
}

type RetryDelay = (outcome: AttemptOutcome, retryCount: number) => number | undefined;

export function judgeAttempt(chunk: readonly Queued[], outcome: CallOutcome, sequential: boolean, retryDelayMs: RetryDelay): Judged {
  if ("answers" in outcome) return judgeAnswers(chunk, outcome.answers, sequential, retryDelayMs);
  if ("call" in outcome) return judgeCall(chunk, outcome.call, sequential, retryDelayMs);
  return judgeNoAnswer(chunk, outcome.error, retryDelayMs);
}

/** Each request's own answer. */
function judgeAnswers(
  chunk: readonly Queued[],
  answers: Array<InnerAnswer | undefined>,
  sequential: boolean,
  retryDelayMs: RetryDelay,
): Judged {
  const verdicts = chunk.map((queued, index): Verdict => {
    const answer = answers[index];
    // Not run, since one before it in the chain failed: it goes again, alongside others, not after them.
    if (sequential && answer?.status === FAILED_DEPENDENCY_STATUS) return { unrun: true };
    if (!answer) {
      return {
        settle: {
          item: queued.item,
          status: 0,
          headers: {},
          delivery: "lost",
          ...history(queued),
          body: { error: { code: "missingBatchResponse", message: "the $batch answer had no response for this request" } },
        },
      };
    }
    const result: BatchResult = { item: queued.item, ...answer, delivery: "answered", ...history(queued) };
    return retryOrSettle(queued, false, result, { response: answer }, `HTTP ${answer.status}`, retryDelayMs);
  });
  return { verdicts, stopChains: sequential && answers.some((answer) => answer?.status === 429) };
}

/**
 * The `$batch` call failed with a status of its own: 429/503/504 is each request's to retry; another 4xx was
 * refused before anything was done (a chain refused whole goes again, unchained); another 5xx may hide work
 * done. Graph's documents speak only of requests inside a batch being throttled ("The batch itself succeeds
 * with a status code of 200", concepts/throttling.md); whether the call itself can be answered 429 (the
 * per-app limits count requests) they leave open, so it is handled as any throttled request would be.
 */
function judgeCall(chunk: readonly Queued[], call: GraphResponse, sequential: boolean, retryDelayMs: RetryDelay): Judged {
  const refused = call.status >= 400 && call.status < 500;
  const transient = TRANSIENT_STATUSES.includes(call.status);
  if (refused && !transient && sequential) return { verdicts: chunk.map(() => ({ unrun: true })), stopChains: true };
  const error = new GraphError(call);
  const verdicts = chunk.map((queued): Verdict => {
    const result: BatchResult = {
      item: queued.item,
      status: refused ? call.status : 0,
      headers: refused ? call.headers : {},
      body: undefined,
      delivery: refused ? "answered" : "lost",
      error,
      ...history(queued),
    };
    return transient ? retryOrSettle(queued, true, result, { response: call }, `HTTP ${call.status}`, retryDelayMs) : { settle: result };
  });
  return { verdicts, stopChains: sequential && call.status === 429 };
}

/**
 * No answer came: a transient network failure is each request's to retry (a request sent alone counts it as
 * its own, a batch's as its call's); anything else is lost.
 */
function judgeNoAnswer(chunk: readonly Queued[], error: unknown, retryDelayMs: RetryDelay): Judged {
  const verdicts = chunk.map((queued): Verdict => {
    const result: BatchResult = {
      item: queued.item,
      status: 0,
      headers: {},
      body: undefined,
      delivery: "lost",
      error: error as Error,
      ...history(queued),
    };
    if (!isGraphNetworkError(error)) return { settle: result };
    return retryOrSettle(queued, chunk.length > 1, result, { error }, error.message, retryDelayMs);
  });
  return { verdicts, stopChains: false };
}

function retryOrSettle(
  queued: Queued,
  call: boolean,
  result: BatchResult,
  outcome: AttemptOutcome,
  reason: string,
  retryDelayMs: RetryDelay,
): Verdict {
  const delayMs = retryDelayMs(outcome, call ? queued.callRetries : queued.retries);
  return delayMs === undefined ? { settle: result } : { again: { delayMs, reason, call, otherwise: result } };
}
