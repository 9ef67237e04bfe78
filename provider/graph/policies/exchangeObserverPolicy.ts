import { GraphRequest, GraphResponse, PipelinePolicy } from "../request";

/** One HTTP attempt as it went over the wire: a retried request is one exchange per attempt. */
export interface HttpExchange {
  /** The request as sent, its `authorization` header replaced by `Bearer [REDACTED]`. */
  request: GraphRequest;
  /** Undefined when no answer came (the transport threw `error`). */
  response?: GraphResponse;
  error?: Error;
  startedAtMs: number;
  durationMs: number;
}

export type ExchangeObserver = (exchange: HttpExchange) => void;

/**
 * Tells `observe` about every attempt, innermost in the pipeline so that it sees the headers that really went
 * out (client-request-id, the token's presence) and every retry, for a caller that keeps a transcript of what
 * Graph said. The token never leaves this policy: an observer has no use for it and every reason not to hold it.
 */
export function exchangeObserverPolicy(observe: ExchangeObserver, now: () => number): PipelinePolicy {
  return {
    name: "exchangeObserver",
    async send(request, next) {
      const startedAtMs = now();
      const seen: GraphRequest = {
        ...request,
        headers: { ...request.headers, ...(request.headers.authorization ? { authorization: "Bearer [REDACTED]" } : {}) },
      };
      let response: GraphResponse;
      try {
        response = await next(request);
      } catch (error) {
        observe({ request: seen, error: error as Error, startedAtMs, durationMs: now() - startedAtMs });
        throw error;
      }
      observe({ request: seen, response: { ...response, request: seen }, startedAtMs, durationMs: now() - startedAtMs });
      return response;
    },
  };
}
