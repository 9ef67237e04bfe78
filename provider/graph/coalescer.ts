/**
 * Cross-resource batching. The engine runs many resources' operations at once, each making single requests
 * (a group create, a member add, a refresh GET) on the same connection; those join the connection's batch
 * queue (batchQueue.ts) and travel together in `$batch` calls, and each caller still gets its own answer,
 * error and retries, as if it had sent its request alone.
 */
import type { ApiVersion } from "../../model/apiVersion";
import type { BatchQueue } from "./batchQueue";
import type { BatchResult } from "./batching/items";
import { GraphError, LostAnswerError } from "./errors";
import { GraphRequest, GraphResponse, HttpMethod, RequestObserver } from "./request";

export interface CoalesceOptions {
  headers?: Record<string, string>;
  observer?: RequestObserver;
  /** The answer lets more work start (batching/gathering.ts). */
  startsWork?: boolean;
}

export class RequestCoalescer {
  /** `url`: the absolute URL of a path, for the request an answer or error names. */
  constructor(
    private readonly queue: Pick<BatchQueue, "submit">,
    private readonly url: (version: ApiVersion, path: string) => string,
  ) {}

  async submit(method: HttpMethod, version: ApiVersion, path: string, body: unknown, options: CoalesceOptions): Promise<GraphResponse> {
    const request: GraphRequest = {
      method,
      url: this.url(version, path),
      headers: { ...options.headers },
      body,
      observer: options.observer,
    };
    const item = { method, url: path, body, ...(options.headers ? { headers: options.headers } : {}) };
    const [result] = await this.queue.submit(version, [item], { startsWork: options.startsWork });
    return settle(request, path, result);
  }
}

/** The caller's answer as the pipeline would have given it: a response, or the error it would have thrown. */
function settle(request: GraphRequest, path: string, result: BatchResult): GraphResponse {
  (result.retriedAfter ?? []).forEach((reason, retryCount) =>
    request.observer?.onRetry({
      description: `${request.method} ${path} (in $batch)`,
      retryCount: retryCount + 1,
      delayMs: 0,
      reason,
    }),
  );
  if (result.delivery === "lost") {
    const reason = result.error?.message ?? "the $batch answer had no response for it";
    throw new LostAnswerError(`${request.method} ${path}: its answer was lost (${reason}); Graph may have carried it out`, {
      cause: result.error,
    });
  }
  const response: GraphResponse = { status: result.status, headers: result.headers, body: result.body, request };
  if (result.status >= 200 && result.status < 300) return response;
  throw new GraphError(response);
}
