import type { TokenCredential } from "@azure/identity";
import { createCredential } from "./config/credential";
import { CONFIG_KEYS, ConfigKeys, ConfigSource, ConfigurationError, ProviderSettings, resolveSettings } from "./config/settings";
import { GraphClient, RetryOptions } from "./graph/client";
import type { ExchangeObserver } from "./graph/policies/exchangeObserverPolicy";
import type { Clock } from "./graph/clock";
import { redact } from "./graph/redact";
import { GraphConnectorsError } from "./errors";
import type { CheckSettings } from "./resources/contract";
import { OperationLog, STDERR_LOG } from "./operationLog";

/** Everything a resource operation needs; tests build one with injected time and credential. */
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
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
  random?: () => number;
  log?: (message: string) => void;
  /** @default the same as `log` when that is given, else the process's log (see useProcessLog) */
  progress?: (message: string) => void;
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

/** Thrown by a wait after Pulumi asked the provider to stop (the native provider's Cancel, e.g. on Ctrl-C). */
export class OperationCancelledError extends GraphConnectorsError {
  override readonly name = "OperationCancelledError" as const;

  constructor() {
    super("cancelled: Pulumi asked the provider to stop; what Graph holds so far is recorded, and the next `pulumi up` carries on");
  }
}

/**
 * The process's real waits (schema operations, retry back-off), so that a Cancel ends every pending one at
 * once instead of leaving the engine waiting up to a schema timeout. Owned here, like the process-wide context.
 */
class Waits {
  private cancelled = false;
  private readonly pending = new Set<() => void>();

  sleep = (ms: number): Promise<void> => {
    if (this.cancelled) return Promise.reject(new OperationCancelledError());
    return new Promise<void>((resolve, reject) => {
      const stop = () => { clearTimeout(timer); reject(new OperationCancelledError()); };
      const timer = setTimeout(() => { this.pending.delete(stop); resolve(); }, ms);
      this.pending.add(stop);
    });
  };

  cancel(): void {
    this.cancelled = true;
    for (const stop of this.pending) stop();
    this.pending.clear();
  }
}

const waits = new Waits();

/** Ends every pending and future wait of this process with OperationCancelledError (the native provider's Cancel). */
export function cancelWaits(): void {
  waits.cancel();
}

export function createContext(settings: ProviderSettings, overrides: ContextOverrides = {}): ProviderContext {
  const sleep = overrides.sleep ?? waits.sleep;
  const now = overrides.now ?? Date.now;
  const lines = processLog;
  const write = overrides.log ?? ((message: string) => lines.info(message));
  const writeProgress = overrides.progress ?? overrides.log ?? ((message: string) => lines.progress(message));
  const log = (message: string) => write(redact(message));
  const progress = (message: string) => writeProgress(redact(message));
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
    identity: [`tenant ${settings.tenantId ?? "(from the environment)"}`, `client id ${settings.clientId ?? "(from the environment)"}`, `authority ${settings.authorityHost}`].join(", "),
    onRetry: (event) => progress(`${event.description}: ${event.reason}; retry ${event.retryCount} in ${event.delayMs} ms`),
  });
  return { graph, sleep, now, log, progress };
}

/**
 * `ctx` writing its lines to one operation's log (the native plugin's per-call log, bound to the resource's
 * URN); the Graph client and the waits stay the process's, shared by every resource.
 */
export function withOperationLog(ctx: ProviderContext, log: OperationLog): ProviderContext {
  return { ...ctx, log: (message) => log.info(redact(message)), progress: (message) => log.progress(redact(message)) };
}

let config: ConfigSource | undefined;
let keys: ConfigKeys = CONFIG_KEYS;
let configFingerprint: string | undefined;
let current: ProviderContext | undefined;

/**
 * Where lines that belong to no single resource operation go (the retries of requests several resources
 * share through one batch): stderr, which the dynamic-provider host shows, unless the native plugin gives the
 * engine's log at start-up. Owned here, like the process-wide context that writes to it.
 */
let processLog: OperationLog = STDERR_LOG;

/** Sends the process's own lines to `log` from now on (the native plugin, once it knows the engine). */
export function useProcessLog(log: OperationLog): void {
  processLog = log;
  current = undefined;
}

/**
 * Called from the dynamic provider's `configure` with the stack config (secrets unwrapped, memory only).
 * Every resource type's provider is configured separately in the same process; the context (and its cached
 * token) is kept unless the `msgraph:*` values really differ.
 */
export function configure(source: ConfigSource, names: ConfigKeys = CONFIG_KEYS): void {
  const fingerprint = JSON.stringify(Object.values(names).map((key) => [key, source.get(key) ?? null]));
  if (fingerprint === configFingerprint) return;
  config = source;
  keys = names;
  configFingerprint = fingerprint;
  current = undefined;
}

/** The settings from the configured stack config and the environment; throws ConfigurationError for bad ones. */
export function currentSettings(): ProviderSettings {
  return resolveSettings(config, process.env, keys);
}

/**
 * Why the configured settings cannot work (a bad environment, endpoint or authority), as a preview failure
 * naming the setting; undefined when they are fine. Called from every `check`, so a bad setting fails
 * `pulumi preview` before any request instead of the first Graph call of `pulumi up`.
 */
export function settingsFailure(): { property: string; reason: string } | undefined {
  try {
    currentSettings();
    return undefined;
  } catch (error) {
    if (error instanceof ConfigurationError) return { property: error.key, reason: error.message };
    throw error;
  }
}

/** What `check` knows of the settings; call after settingsFailure() found none. */
export function checkSettings(): CheckSettings {
  return { environment: currentSettings().environment, environmentKey: keys.environment };
}

/** The process-wide context, built on first use so a preview that never calls Graph needs no credential. */
export function providerContext(): ProviderContext {
  return (current ??= createContext(currentSettings()));
}

/** Replaces the process-wide context (tests drive the serialized provider this way). */
export function setProviderContext(context: ProviderContext | undefined): void {
  current = context;
}
