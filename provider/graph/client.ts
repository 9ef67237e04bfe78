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
   * company (batchQueue.ts).
   */
  startsWork?: boolean;
  /** The caller already holds this request's unit of the connection budget (the batch queue does). */
  budgetHeld?: boolean;
  /**
   * Sending it twice could do its work twice (a POST whose object gets a server-assigned id): retried only
   * after an answer proving Graph did not act on it (429, a connection never made); a 5xx or a lost
   * connection is thrown for the caller to settle (see {@link GraphClient.retryDelayAfter}).
   */
  notRepeatable?: boolean;
}

/** What a retry decision needs to know of an answer: an inner `$batch` answer has no request of its own. */
export type RetryableAnswer = Pick<GraphResponse, "status" | "headers">;

/** A Graph client: the policy pipeline plus URL building. Paths are relative to a version root. */
export class GraphClient {
  readonly endpoint: string;
  /** The budget of concurrent operations per connection, shared by every caller of this client. */
  readonly budget: ConcurrencyBudget;
  readonly retry: RetryOptions;
  private readonly send: SendRequest;
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
    this.batches = new BatchQueue(this, options.sleep);
    this.coalescer = new RequestCoalescer(this);
    this.send = createPipeline(
      [
        throwOnErrorPolicy(options.now),
        requestHeadersPolicy(options.userAgent ?? "pulumi-graph-connectors"),
        retryPolicy(
          this.strategies,
          { maxRetries: retry.maxRetries, sleep: options.sleep, now: options.now, onRetry: options.onRetry },
        ),
        bearerTokenPolicy({
          credential: options.credential,
          scope: options.scope ?? graphScope("global"),
          now: options.now,
          allowInsecureConnection: options.allowInsecureConnection,
          identity: options.identity,
          authorityHost: options.authorityHost,
        }),
        ...(options.onExchange ? [exchangeObserverPolicy(options.onExchange, options.now)] : []),
      ],
      options.transport ?? axiosTransport({ timeoutMs: options.timeoutMs }),
    );
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
   * The delay before re-sending an answer that says "try again" (429/503/504), from the same strategies as
   * the pipeline's retries (Retry-After, else capped exponential backoff); undefined when it is final or the
   * retries are used up. `$batch` re-sends its inner answers with it, so both follow one policy.
   */
  retryDelayMs(answer: RetryableAnswer, retryCount: number): number | undefined {
    if (retryCount >= this.retry.maxRetries) return undefined;
    const response = { ...answer, body: undefined, request: { method: "GET" as const, url: this.endpoint, headers: {} } };
    for (const strategy of this.strategies) {
      const decision = strategy.decide({ retryCount, response, nowMs: this.now() });
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
    if (isGraphError(error)) return this.retryDelayMs(error.response, retryCount);
    if (!isGraphNetworkError(error) || retryCount >= this.retry.maxRetries) return undefined;
    for (const strategy of this.strategies) {
      const decision = strategy.decide({ retryCount, error, nowMs: this.now() });
      if ("retryAfterMs" in decision) return decision.retryAfterMs;
    }
    return undefined;
  }

  request(method: HttpMethod, version: ApiVersion, path: string, body?: unknown, options: RequestOptions = {}): Promise<GraphResponse> {
    if (options.coalesce) return this.coalescer.submit(method, version, path, body, { ...options, coalesce: false });
    return this.requestUrl(method, this.url(version, path), body, options);
  }

  /** Sends one request, holding one unit of its connection's budget while it is in flight (retries included). */
  async requestUrl(method: HttpMethod, url: string, body?: unknown, options: RequestOptions = {}): Promise<GraphResponse> {
    const path = new URL(url).pathname;
    const connectionId = connectionIdOf(path);
    const lease = connectionId === undefined || options.budgetHeld ? undefined : await this.budget.acquire(connectionId, 1);
    // The batch queue paces what it sends itself.
    if (!options.budgetHeld && isGroupAdministration(path)) await this.groupRate.take(1);
    try {
      return await this.send({ method, url, headers: { ...options.headers }, body, observer: options.observer, notRepeatable: options.notRepeatable });
    } finally {
      lease?.release();
    }
  }
}
