import type { TokenCredential } from "@azure/identity";
import { createPipeline } from "./pipeline";
import { bearerTokenPolicy } from "./policies/bearerTokenPolicy";
import { requestHeadersPolicy } from "./policies/requestHeadersPolicy";
import { retryPolicy, RetryPolicyOptions } from "./policies/retryPolicy";
import { throwOnErrorPolicy } from "./policies/throwOnErrorPolicy";
import { ExchangeObserver, exchangeObserverPolicy } from "./policies/exchangeObserverPolicy";
import { GraphResponse, HttpMethod, RequestObserver, SendRequest } from "./request";
import { exponentialRetryStrategy, RetryStrategy, throttlingRetryStrategy } from "./retryStrategies";
import { isGraphError, isGraphNetworkError } from "./errors";
import { axiosTransport } from "./transport";
import { ConcurrencyBudget } from "./concurrencyBudget";
import { RequestCoalescer } from "./coalescer";
import { BatchQueue } from "./batchQueue";
import type { AttemptOutcome, BatchSender } from "./batching/sender";
import type { Clock } from "./clock";
import { connectionIdOf } from "../../model/connection";
import { CONCURRENT_OPERATIONS_PER_CONNECTION, GROUP_ADMIN_REQUESTS_PER_SECOND, MAX_RETRY_AFTER_MS } from "../../model/limits";
import { isGroupAdministration } from "../../model/group";
import { RateLimiter } from "./rateLimiter";
import { graphScope } from "../../model/clouds";

export type { ApiVersion } from "../../model/apiVersion";
import type { ApiVersion } from "../../model/apiVersion";

export interface RetryOptions {
  /** @default 8 */
  maxRetries: number;
  /** First computed backoff. @default 1000 */
  baseDelayMs: number;
  /** Cap of computed backoff. @default 60000 */
  maxDelayMs: number;
  /** Cap of a server-given Retry-After; Graph has been seen asking for 315 s (terraform-provider-msgraph#118). @default 600000 */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY_OPTIONS = {
  maxRetries: 8,
  baseDelayMs: 1000,
  maxDelayMs: 60_000,
  maxRetryAfterMs: MAX_RETRY_AFTER_MS,
} satisfies RetryOptions;

export interface GraphClientOptions {
  /** Graph root, e.g. `https://graph.microsoft.com` or an emulator's `https://127.0.0.1:8443`. */
  endpoint: string;
  credential: TokenCredential;
  /** What the token is asked for. @default the global cloud's Graph scope, `https://graph.microsoft.com/.default` */
  scope?: string;
  retry?: Partial<RetryOptions>;
  sleep: (ms: number) => Promise<void>;
  now: () => number;
  random?: () => number;
  allowInsecureConnection?: boolean;
  timeoutMs?: number;
  userAgent?: string;
  onRetry?: RetryPolicyOptions["onRetry"];
  /** Who signs in where (tenant, client id, authority), for authentication errors. Never a secret. */
  identity?: string;
  /** The Entra authority tokens come from, probed when a token cannot be had for its certificate (tlsTrust.ts). */
  authorityHost?: string;
  /** Replaces the axios transport; only for tests of the pipeline itself. */
  transport?: SendRequest;
  /** Operations in flight per connection. @default 25, Graph's limit (model/limits.ts) */
  concurrencyLimit?: number;
  /** Group and member requests per second. @default 1,000, Graph's threshold (model/limits.ts) */
  groupRequestsPerSecond?: number;
  /** Told about every HTTP attempt, retries included, without its token (e.g. to keep a transcript). */
  onExchange?: ExchangeObserver;
  /**
   * The batch queue's clock, for its gathering windows and the pace of its chains (batchQueue.ts). Tests pass
   * one whose windows pass at once. @default the client's `now` and `sleep`
   */
  batchClock?: Clock;
}

export interface RequestOptions {
  headers?: Record<string, string>;
  observer?: RequestObserver;
  /**
   * May travel in a `$batch` with other resources' requests made at the same time (coalescer.ts); the caller
   * gets the same answer or error either way. For independent single requests on one connection.
   */
  coalesce?: boolean;
  /**
   * With `coalesce`: the answer lets more work start (a group's create, before its members). When nothing is
   * in flight on the connection and no batch went out lately, it is sent at once instead of waiting for
   * company (batching/gathering.ts).
   */
  startsWork?: boolean;
  /**
   * Sending it twice could do its work twice (a POST whose object gets a server-assigned id): retried only
   * after an answer proving Graph did not act on it (429, a connection never made); a 5xx or a lost
   * connection is thrown for the caller to settle (see {@link GraphClient.retryDelayAfter}).
   */
  notRepeatable?: boolean;
}

/** A Graph client: the policy pipeline plus URL building. Paths are relative to a version root. */
export class GraphClient {
  readonly endpoint: string;
  /** The budget of concurrent operations per connection, shared by every caller of this client. */
  readonly budget: ConcurrencyBudget;
  readonly retry: RetryOptions;
  private readonly send: SendRequest;
  /** The pipeline without retries or errors: one attempt, every status an answer (the batch queue's). */
  private readonly sendOnce: SendRequest;
  private readonly strategies: RetryStrategy[];
  private readonly now: () => number;
  private readonly coalescer: RequestCoalescer;
  /** Batchable requests of every resource, per connection (batchQueue.ts). */
  readonly batches: BatchQueue;
  /** Paces group and member requests under Graph's group administration threshold. */
  readonly groupRate: RateLimiter;

  constructor(options: GraphClientOptions) {
    this.endpoint = options.endpoint.replace(/\/+$/, "");
    const retry: RetryOptions = { ...DEFAULT_RETRY_OPTIONS, ...options.retry };
    this.retry = retry;
    this.now = options.now;
    this.budget = new ConcurrencyBudget(options.concurrencyLimit ?? CONCURRENT_OPERATIONS_PER_CONNECTION);
    const random = options.random ?? Math.random;
    this.strategies = [throttlingRetryStrategy(retry), exponentialRetryStrategy({ ...retry, random })];
    this.groupRate = new RateLimiter(options.groupRequestsPerSecond ?? GROUP_ADMIN_REQUESTS_PER_SECOND);
    const headers = requestHeadersPolicy(options.userAgent ?? "pulumi-graph-connectors");
    // One token cache for both pipelines.
    const bearer = bearerTokenPolicy({
      credential: options.credential,
      scope: options.scope ?? graphScope("global"),
      now: options.now,
      allowInsecureConnection: options.allowInsecureConnection,
      identity: options.identity,
      authorityHost: options.authorityHost,
    });
    const transport = options.transport ?? axiosTransport({ timeoutMs: options.timeoutMs });
    // Next to the transport, so it sees every attempt of either pipeline, retries and batch calls included.
    const observer = options.onExchange ? [exchangeObserverPolicy(options.onExchange, options.now)] : [];
    this.send = createPipeline(
      [
        throwOnErrorPolicy(options.now),
        headers,
        retryPolicy(this.strategies, { maxRetries: retry.maxRetries, sleep: options.sleep, now: options.now, onRetry: options.onRetry }),
        bearer,
        ...observer,
      ],
      transport,
    );
    this.sendOnce = createPipeline([headers, bearer, ...observer], transport);
    this.batches = new BatchQueue(this.batchSender(options), options.batchClock ?? { now: options.now, sleep: options.sleep });
    this.coalescer = new RequestCoalescer(this.batches, (version, path) => this.url(version, path));
  }

  /** What the batch queue sends through: the budget, the pacing, one attempt at a time, this client's retry policy. */
  private batchSender(options: GraphClientOptions): BatchSender {
    return {
      budget: this.budget,
      groupRate: this.groupRate,
      attempt: (method, version, path, body, headers) =>
        this.sendOnce({ method, url: this.url(version, path), headers: { ...headers }, body }),
      retryDelayMs: (outcome, retryCount) => this.retryDelayMs(outcome, retryCount),
      sleep: options.sleep,
      onRetry: options.onRetry,
    };
  }

  url(version: ApiVersion, path: string): string {
    return `${this.endpoint}/${version}${path.startsWith("/") ? path : `/${path}`}`;
  }

  /**
   * Resolves a URL the service handed back (an operation `Location`) against our own endpoint: only its path
   * is kept, so a bearer token is never sent to a host this client was not configured for.
   */
  followUrl(location: string): string {
    const parsed = new URL(location, this.endpoint);
    return `${this.endpoint}${parsed.pathname}${parsed.search}`;
  }

  /**
   * The delay before another attempt after an answer that says "try again" (429/503/504) or a transient
   * network failure, from the same strategies as the pipeline's retries (Retry-After, else capped exponential
   * backoff); undefined when it is final or the retries are used up. The batch queue re-sends with it, so
   * both follow one policy.
   */
  retryDelayMs(outcome: AttemptOutcome, retryCount: number): number | undefined {
    if (retryCount >= this.retry.maxRetries) return undefined;
    const info =
      "response" in outcome
        ? { response: { ...outcome.response, body: undefined, request: { method: "GET" as const, url: this.endpoint, headers: {} } } }
        : { error: outcome.error };
    for (const strategy of this.strategies) {
      const decision = strategy.decide({ retryCount, ...info, nowMs: this.now() });
      if ("retryAfterMs" in decision) return decision.retryAfterMs;
    }
    return undefined;
  }

  /**
   * The delay before trying again after `error`, a failure thrown by {@link request} after `retryCount` tries
   * of the caller's own, by the pipeline's strategies; undefined when it is final or the retries are used up.
   * For callers that settle what a `notRepeatable` request did before they send it again.
   */
  retryDelayAfter(error: unknown, retryCount: number): number | undefined {
    if (isGraphError(error)) return this.retryDelayMs({ response: error.response }, retryCount);
    return isGraphNetworkError(error) ? this.retryDelayMs({ error }, retryCount) : undefined;
  }

  request(method: HttpMethod, version: ApiVersion, path: string, body?: unknown, options: RequestOptions = {}): Promise<GraphResponse> {
    if (options.coalesce) return this.coalescer.submit(method, version, path, body, options);
    return this.requestUrl(method, this.url(version, path), body, options);
  }

  /** Sends one request, holding one unit of its connection's budget while it is in flight (retries included). */
  async requestUrl(method: HttpMethod, url: string, body?: unknown, options: RequestOptions = {}): Promise<GraphResponse> {
    const path = new URL(url).pathname;
    const connectionId = connectionIdOf(path);
    const lease = connectionId === undefined ? undefined : await this.budget.acquire(connectionId, 1);
    if (isGroupAdministration(path)) await this.groupRate.take(1);
    try {
      return await this.send({
        method,
        url,
        headers: { ...options.headers },
        body,
        observer: options.observer,
        notRepeatable: options.notRepeatable,
      });
    } finally {
      lease?.release();
    }
  }
}
