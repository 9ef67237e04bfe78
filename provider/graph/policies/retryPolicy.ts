import { isGraphNetworkError } from "../errors";
import { describeRequest, GraphResponse, PipelinePolicy, RetryEvent } from "../request";
import { mayHaveTakenEffect, RetryDecision, RetryStrategy } from "../retryStrategies";

export interface RetryPolicyOptions {
  /** Retries after the first attempt. */
  maxRetries: number;
  /** Every wait goes through here, so tests record the requested delays instead of waiting. */
  sleep: (ms: number) => Promise<void>;
  now: () => number;
  /** Called before each wait, e.g. to log why the request is retried. */
  onRetry?: (event: RetryEvent) => void;
}

/**
 * Re-sends a request while a strategy asks for it; the first strategy that does not skip decides the delay.
 * When retries run out the last response is returned (or the last network error thrown) unchanged, so the
 * error policy reports what the server really said. A request marked `notRepeatable` is re-sent only after a
 * failure that proves Graph did not act on it; the caller settles one that may hide a success.
 */
export function retryPolicy(strategies: RetryStrategy[], options: RetryPolicyOptions): PipelinePolicy {
  return {
    name: "retry",
    async send(request, next) {
      for (let retryCount = 0; ; retryCount++) {
        let response: GraphResponse | undefined;
        let error: unknown;
        try {
          response = await next(request);
          if (response.status < 400) return response;
        } catch (caught) {
          // Unknown errors are programming bugs, not transient conditions: never retried.
          if (!isGraphNetworkError(caught)) throw caught;
          error = caught;
        }
        const mayRepeat = !request.notRepeatable || !mayHaveTakenEffect({ response, error });
        const decision =
          mayRepeat && retryCount < options.maxRetries
            ? decide(strategies, { retryCount, response, error, nowMs: options.now() })
            : undefined;
        if (!decision || "skip" in decision) {
          if (response) return response;
          throw error;
        }
        const event: RetryEvent = {
          description: describeRequest(request),
          retryCount: retryCount + 1,
          delayMs: decision.retryAfterMs,
          reason: response ? `HTTP ${response.status}` : (error as Error).message,
          status: response?.status,
        };
        options.onRetry?.(event);
        request.observer?.onRetry(event);
        await options.sleep(decision.retryAfterMs);
      }
    },
  };
}

function decide(strategies: RetryStrategy[], info: Parameters<RetryStrategy["decide"]>[0]): RetryDecision | undefined {
  for (const strategy of strategies) {
    const decision = strategy.decide(info);
    if (!("skip" in decision)) return decision;
  }
  return undefined;
}
