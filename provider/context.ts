/**
 * What one resource operation works with: the Graph client, time, and where its lines go. A provider process
 * builds one per tenant configuration (engine/providerProcess.ts) and hands each operation a view of it with
 * the operation's own log; tests build one with injected time and credential.
 */
import type { TokenCredential } from "@azure/identity";
import { createCredential } from "./config/credential";
import { ProviderSettings } from "./config/settings";
import { GraphClient, RetryOptions } from "./graph/client";
import type { Clock } from "./graph/clock";
import type { ExchangeObserver } from "./graph/policies/exchangeObserverPolicy";
import { Redactor } from "./graph/redact";
import { OperationLog, STDERR_LOG } from "./operationLog";

/** Everything a resource operation needs. */
export interface ProviderContext {
  graph: GraphClient;
  sleep(ms: number): Promise<void>;
  now(): number;
  /** What the operation did, for the person running `pulumi up` (an object taken over); always redacted. */
  log(message: string): void;
  /** Where a long operation stands (a schema wait, a retry), shown while it lasts; always redacted. */
  progress(message: string): void;
}

export interface ContextOverrides {
  credential?: TokenCredential;
  /** @default a timer (the provider process passes its cancellable waits) */
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
  random?: () => number;
  log?: (message: string) => void;
  /** @default the same as `log` when that is given, else `lines`' progress */
  progress?: (message: string) => void;
  /** Where `log` and `progress` go when not given. @default stderr */
  lines?: OperationLog;
  /** Scrubs every line; the settings' client secret and OIDC token are registered with it. @default a new one */
  redactor?: Redactor;
  retry?: Partial<RetryOptions>;
  /** Operations in flight per connection. @default Graph's limit of 25 */
  concurrencyLimit?: number;
  /** Group and member requests per second. @default Graph's threshold of 1,000 */
  groupRequestsPerSecond?: number;
  /** Told about every HTTP attempt to Graph, without its token. */
  onExchange?: ExchangeObserver;
  /** The batch queue's clock (its gathering windows). @default `now` and `sleep` */
  batchClock?: Clock;
}

const timerSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function createContext(settings: ProviderSettings, overrides: ContextOverrides = {}): ProviderContext {
  const sleep = overrides.sleep ?? timerSleep;
  const now = overrides.now ?? Date.now;
  const redactor = overrides.redactor ?? new Redactor();
  redactor.register(settings.clientSecret);
  redactor.register(settings.oidcToken);
  const lines = overrides.lines ?? STDERR_LOG;
  const write = overrides.log ?? ((message: string) => lines.info(message));
  const writeProgress = overrides.progress ?? overrides.log ?? ((message: string) => lines.progress(message));
  const log = (message: string) => write(redactor.redact(message));
  const progress = (message: string) => writeProgress(redactor.redact(message));
  const graph = new GraphClient({
    endpoint: settings.endpoint,
    credential: overrides.credential ?? createCredential(settings),
    scope: settings.scope,
    sleep,
    now,
    random: overrides.random,
    retry: overrides.retry,
    concurrencyLimit: overrides.concurrencyLimit,
    groupRequestsPerSecond: overrides.groupRequestsPerSecond,
    onExchange: overrides.onExchange,
    batchClock: overrides.batchClock,
    allowInsecureConnection: settings.allowInsecureConnection,
    authorityHost: settings.authorityHost,
    identity: [
      `tenant ${settings.tenantId ?? "(from the environment)"}`,
      `client id ${settings.clientId ?? "(from the environment)"}`,
      `authority ${settings.authorityHost}`,
    ].join(", "),
    onRetry: (event) => progress(`${event.description}: ${event.reason}; retry ${event.retryCount} in ${event.delayMs} ms`),
  });
  return { graph, sleep, now, log, progress };
}

/**
 * `ctx` writing its lines to one operation's log (the native plugin's per-call log, bound to the resource's
 * URN); the Graph client and the waits stay the process's, shared by every resource.
 */
export function withOperationLog(ctx: ProviderContext, log: OperationLog, redactor: Redactor): ProviderContext {
  return { ...ctx, log: (message) => log.info(redactor.redact(message)), progress: (message) => log.progress(redactor.redact(message)) };
}
