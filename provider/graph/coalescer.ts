/**
 * Cross-resource batching. The engine runs many resources' operations at once, each making single requests
 * (a group create, a member add, a refresh GET) on the same connection; requests that arrive within a short
 * gathering window are sent together as `$batch` calls (at most 20 each, within the connection's budget),
 * and each caller still gets its own answer, error and retries, as if it had sent its request alone.
 */
import { BatchResult, sendBatch } from "./batch";
import type { ApiVersion, GraphClient, RequestOptions } from "./client";
import { GraphError, LostAnswerError } from "./errors";
import { GraphConnectorsError } from "../errors";
import { GraphRequest, GraphResponse, HttpMethod } from "./request";
import { BATCH_MAX_REQUESTS } from "../../model/batch";
import { connectionIdOf } from "../../model/connection";

/** How long the first request of a gathering waits for others. Short: a lone request is delayed by it. */
export const GATHERING_WINDOW_MS = 10;

interface Pending {
  request: GraphRequest;
  path: string;
  options: RequestOptions;
  resolve: (response: GraphResponse) => void;
  reject: (error: unknown) => void;
}

export class RequestCoalescer {
  private readonly gathering = new Map<ApiVersion, Pending[]>();

  constructor(
    private readonly client: GraphClient,
    private readonly time: { sleep: (ms: number) => Promise<void>; now: () => number },
    private readonly windowMs = GATHERING_WINDOW_MS,
  ) {}

  submit(method: HttpMethod, version: ApiVersion, path: string, body: unknown, options: RequestOptions): Promise<GraphResponse> {
    return new Promise((resolve, reject) => {
      const request: GraphRequest = { method, url: this.client.url(version, path), headers: { ...options.headers }, body, observer: options.observer };
      const queue = this.gathering.get(version) ?? [];
      queue.push({ request, path, options, resolve, reject });
      this.gathering.set(version, queue);
      // A real-time window, not the injected sleep: it only decides what travels together.
      if (queue.length === 1) setTimeout(() => this.flush(version), this.windowMs);
      else if (queue.length === BATCH_MAX_REQUESTS) this.flush(version);
    });
  }

  private flush(version: ApiVersion): void {
    const queue = this.gathering.get(version);
    if (!queue || queue.length === 0) return;
    this.gathering.delete(version);
    if (queue.length === 1) {
      // Alone: sent as the plain request it is.
      const [only] = queue;
      this.client.requestUrl(only.request.method, only.request.url, only.request.body, only.options).then(only.resolve, only.reject);
      return;
    }
    // Requests of different connections use different budgets.
    const byConnection = new Map<string, Pending[]>();
    for (const pending of queue) {
      const key = connectionIdOf(pending.path) ?? "";
      byConnection.set(key, [...(byConnection.get(key) ?? []), pending]);
    }
    for (const group of byConnection.values()) void this.send(version, group);
  }

  private async send(version: ApiVersion, group: Pending[]): Promise<void> {
    let results: BatchResult[];
    try {
      results = await sendBatch(this.client, version, group.map((pending) => ({
        method: pending.request.method, url: pending.path, body: pending.request.body, headers: pending.request.headers,
      })), this.time);
    } catch (error) {
      for (const pending of group) pending.reject(error);
      return;
    }
    results.forEach((result, index) => settle(group[index], result));
  }
}

/** Hands one caller its answer as the pipeline would have: a response, or the error it would have thrown. */
function settle(pending: Pending, result: BatchResult): void {
  const { request } = pending;
  (result.retriedAfter ?? []).forEach((status, retryCount) => request.observer?.onRetry({
    description: `${request.method} ${pending.path} (in $batch)`, retryCount: retryCount + 1, delayMs: 0, reason: `HTTP ${status}`, status,
  }));
  if (result.delivery === "unsent") {
    pending.reject(new GraphConnectorsError(`${request.method} ${pending.path} was not sent: an earlier $batch call failed (${result.error?.message ?? "no reason given"})`));
    return;
  }
  if (result.delivery === "lost") {
    const reason = result.error?.message ?? "the $batch answer had no response for it";
    pending.reject(new LostAnswerError(`${request.method} ${pending.path}: its answer was lost (${reason}); Graph may have carried it out`, { cause: result.error }));
    return;
  }
  const response: GraphResponse = { status: result.status, headers: result.headers, body: result.body, request };
  if (result.status >= 200 && result.status < 300) pending.resolve(response);
  else pending.reject(new GraphError(response));
}
