/**
 * Cross-resource batching. The engine runs many resources' operations at once, each making single requests
 * (a group create, a member add, a refresh GET) on the same connection; those join the connection's batch
 * queue (batchQueue.ts) and travel together in `$batch` calls, and each caller still gets its own answer,
 * error and retries, as if it had sent its request alone.
 */
import { BatchResult } from "./batch";
import type { ApiVersion, GraphClient, RequestOptions } from "./client";
import { GraphError, LostAnswerError } from "./errors";
import { GraphRequest, GraphResponse, HttpMethod } from "./request";

export class RequestCoalescer {
  constructor(private readonly client: GraphClient) {}

  async submit(method: HttpMethod, version: ApiVersion, path: string, body: unknown, options: RequestOptions): Promise<GraphResponse> {
    const request: GraphRequest = { method, url: this.client.url(version, path), headers: { ...options.headers }, body, observer: options.observer };
    const item = { method, url: path, body, ...(options.headers ? { headers: options.headers } : {}) };
    const [result] = await this.client.batches.submit(version, [item], { startsWork: options.startsWork });
    return settle(request, path, result);
  }
}

/** The caller's answer as the pipeline would have given it: a response, or the error it would have thrown. */
function settle(request: GraphRequest, path: string, result: BatchResult): GraphResponse {
  (result.retriedAfter ?? []).forEach((status, retryCount) => request.observer?.onRetry({
    description: `${request.method} ${path} (in $batch)`, retryCount: retryCount + 1, delayMs: 0, reason: `HTTP ${status}`, status,
  }));
  if (result.delivery === "lost") {
    const reason = result.error?.message ?? "the $batch answer had no response for it";
    throw new LostAnswerError(`${request.method} ${path}: its answer was lost (${reason}); Graph may have carried it out`, { cause: result.error });
  }
  const response: GraphResponse = { status: result.status, headers: result.headers, body: result.body, request };
  if (result.status >= 200 && result.status < 300) return response;
  throw new GraphError(response);
}
