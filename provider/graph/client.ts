import type { TokenCredential } from "@azure/identity";
import { createPipeline } from "./pipeline";
import { bearerTokenPolicy } from "./policies/bearerTokenPolicy";
import { requestHeadersPolicy } from "./policies/requestHeadersPolicy";
import { retryPolicy, RetryPolicyOptions } from "./policies/retryPolicy";
import { throwOnErrorPolicy } from "./policies/throwOnErrorPolicy";
import { GraphResponse, HttpMethod, RequestObserver, SendRequest } from "./request";
import { exponentialRetryStrategy, throttlingRetryStrategy } from "./retryStrategies";
import { axiosTransport } from "./transport";
import { MAX_RETRY_AFTER_MS } from "../../model/limits";

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
  /** @default `${endpoint}/.default` */
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
  /** Replaces the axios transport; only for tests of the pipeline itself. */
  transport?: SendRequest;
}

export interface RequestOptions {
  headers?: Record<string, string>;
  observer?: RequestObserver;
}

/** A Graph client: the policy pipeline plus URL building. Paths are relative to a version root. */
export class GraphClient {
  readonly endpoint: string;
  private readonly send: SendRequest;

  constructor(options: GraphClientOptions) {
    this.endpoint = options.endpoint.replace(/\/+$/, "");
    const retry: RetryOptions = { ...DEFAULT_RETRY_OPTIONS, ...options.retry };
    const random = options.random ?? Math.random;
    this.send = createPipeline(
      [
        throwOnErrorPolicy(options.now),
        requestHeadersPolicy(options.userAgent ?? "pulumi-graph-connectors"),
        retryPolicy(
          [throttlingRetryStrategy(retry), exponentialRetryStrategy({ ...retry, random })],
          { maxRetries: retry.maxRetries, sleep: options.sleep, now: options.now, onRetry: options.onRetry },
        ),
        bearerTokenPolicy({
          credential: options.credential,
          scope: options.scope ?? `${this.endpoint}/.default`,
          now: options.now,
          allowInsecureConnection: options.allowInsecureConnection,
          identity: options.identity,
        }),
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

  request(method: HttpMethod, version: ApiVersion, path: string, body?: unknown, options: RequestOptions = {}): Promise<GraphResponse> {
    return this.send({ method, url: this.url(version, path), headers: { ...options.headers }, body, observer: options.observer });
  }

  requestUrl(method: HttpMethod, url: string, body?: unknown, options: RequestOptions = {}): Promise<GraphResponse> {
    return this.send({ method, url, headers: { ...options.headers }, body, observer: options.observer });
  }
}
