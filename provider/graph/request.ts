/** The request/response shapes that flow through the Graph pipeline, and the policy contract. */

export type HttpMethod = "GET" | "POST" | "PATCH" | "PUT" | "DELETE";

/**
 * A request body sent exactly as written instead of serialized: JSON no serializer writes (a docs sample with a
 * trailing comma), for a client that asks Graph whether it accepts it. Every other body is `JSON.stringify`d.
 */
export class JsonText {
  constructor(readonly text: string) {}
}

export interface GraphRequest {
  method: HttpMethod;
  /** Absolute URL. */
  url: string;
  /** Lower-case header names. */
  headers: Record<string, string>;
  body?: unknown;
  /** Told about every retry of this request; lets a caller know a failure preceded the final answer. */
  observer?: RequestObserver;
  /**
   * Sending it twice could do its work twice (a POST whose object gets a server-assigned id): it is re-sent
   * only after an answer that proves Graph did not act on it, and any other failure goes to the caller.
   */
  notRepeatable?: boolean;
}

export interface RetryEvent {
  description: string;
  retryCount: number;
  delayMs: number;
  /** `HTTP 503`, or the network error's message. */
  reason: string;
  status?: number;
}

export interface RequestObserver {
  onRetry(event: RetryEvent): void;
}

export interface GraphResponse {
  status: number;
  /** Lower-case header names. */
  headers: Record<string, string>;
  /** Parsed JSON, the raw text when it is not JSON, or undefined for an empty body. */
  body: unknown;
  request: GraphRequest;
}

export type SendRequest = (request: GraphRequest) => Promise<GraphResponse>;

/** One concern of the pipeline; it may change the request, call `next` any number of times, or stop. */
export interface PipelinePolicy {
  name: string;
  send(request: GraphRequest, next: SendRequest): Promise<GraphResponse>;
}

/** The path and query of a URL, which is what errors and logs show (never the host's credentials). */
export function describeRequest(request: Pick<GraphRequest, "method" | "url">): string {
  const url = new URL(request.url);
  return `${request.method} ${url.pathname}${url.search}`;
}
