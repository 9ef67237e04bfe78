import type { TokenCredential } from "@azure/identity";
import { createCredential } from "./config/credential";
import { CONFIG_KEYS, ConfigKeys, ConfigSource, ConfigurationError, ProviderSettings, resolveSettings } from "./config/settings";
import { GraphClient, RetryOptions } from "./graph/client";
import type { Clock } from "./graph/clock";
import { redact } from "./graph/redact";
import { GraphConnectorsError } from "./errors";

/** Everything a resource operation needs; tests build one with injected time and credential. */
export interface ProviderContext {
  graph: GraphClient;
  sleep(ms: number): Promise<void>;
  now(): number;
  /** Progress for the person running `pulumi up`; always redacted. */
  log(message: string): void;
}

export interface ContextOverrides {
  credential?: TokenCredential;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
  random?: () => number;
  log?: (message: string) => void;
  retry?: Partial<RetryOptions>;
  /** Operations in flight per connection. @default Graph's limit of 25 */
  concurrencyLimit?: number;
  /** Group and member requests per second. @default Graph's threshold of 1,000 */
  groupRequestsPerSecond?: number;
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

/**
 * Progress goes to stderr: the dynamic provider's stdout carries its gRPC port, and Pulumi shows the
 * plugin's stderr to the user.
 */
export const stderrLog = (message: string) => process.stderr.write(`[graph-connectors] ${message}\n`);

export function createContext(settings: ProviderSettings, overrides: ContextOverrides = {}): ProviderContext {
  const sleep = overrides.sleep ?? waits.sleep;
  const now = overrides.now ?? Date.now;
  const write = overrides.log ?? stderrLog;
  const log = (message: string) => write(redact(message));
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
    batchClock: overrides.batchClock,
    allowInsecureConnection: settings.allowInsecureConnection,
    identity: [`tenant ${settings.tenantId ?? "(from the environment)"}`, `client id ${settings.clientId ?? "(from the environment)"}`, `authority ${settings.authorityHost}`].join(", "),
    onRetry: (event) => log(`${event.description}: ${event.reason}; retry ${event.retryCount} in ${event.delayMs} ms`),
  });
  return { graph, sleep, now, log };
}

let config: ConfigSource | undefined;
let keys: ConfigKeys = CONFIG_KEYS;
let configFingerprint: string | undefined;
let current: ProviderContext | undefined;

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

/** The process-wide context, built on first use so a preview that never calls Graph needs no credential. */
export function providerContext(): ProviderContext {
  return (current ??= createContext(currentSettings()));
}

/** Replaces the process-wide context (tests drive the serialized provider this way). */
export function setProviderContext(context: ProviderContext | undefined): void {
  current = context;
}
