/**
 * The state of one provider process, with one owner: the host that starts the process makes one and passes it
 * down (the dynamic resources' entry, provider/dynamic/host.ts; the native plugin, provider/native/main.ts; the
 * `graph-connectors` commands, provider/cli.ts). It holds the configuration and the Graph context built from
 * it, the waits a Cancel ends, the literal secrets to redact, the groups the checks saw, and where lines that
 * belong to no single operation go.
 */
import { credentialKind } from "../config/credential";
import { CONFIG_KEYS, ConfigKeys, ConfigSource, ConfigurationError, ProviderSettings, resolveSettings } from "../config/settings";
import { createContext, ProviderContext, withOperationLog } from "../context";
import { Redactor } from "../graph/redact";
import { OperationLog, STDERR_LOG } from "../operationLog";
import type { CheckSettings } from "../resources/contract";
import { GroupOwnership } from "./groupOwnership";
import { Waits } from "./waits";

export interface ProviderProcessOptions {
  /**
   * Where lines that belong to no single resource operation go (the retries of requests several resources share
   * through one batch): the native plugin gives the engine's log. @default stderr, which the dynamic-provider host shows
   */
  log?: OperationLog;
}

export class ProviderProcess {
  /** The literal secrets of this process's settings (and a CLI's stack config), scrubbed from every line and error. */
  readonly redactor = new Redactor();
  /** The groups the program's resources manage, as this process's checks saw them. */
  readonly groupOwnership = new GroupOwnership();
  private readonly waits = new Waits();
  private readonly log: OperationLog;
  private config: ConfigSource | undefined;
  private keys: ConfigKeys = CONFIG_KEYS;
  private fingerprint: string | undefined;
  private current: ProviderContext | undefined;

  constructor(options: ProviderProcessOptions = {}) {
    this.log = options.log ?? STDERR_LOG;
  }

  /**
   * Takes the configuration (the dynamic provider's `configure`, the native provider's Configure, a CLI
   * command's stack config; secrets unwrapped, memory only). Every resource type's dynamic provider is
   * configured separately in the same process: the context (and its cached token) is kept unless the values of
   * the settings' keys really differ.
   */
  configure(source: ConfigSource, keys: ConfigKeys = CONFIG_KEYS): void {
    const fingerprint = JSON.stringify(Object.values(keys).map((key) => [key, source.get(key) ?? null]));
    if (fingerprint === this.fingerprint) return;
    this.config = source;
    this.keys = keys;
    this.fingerprint = fingerprint;
    this.current = undefined;
  }

  /** The settings from the configuration and the environment; throws ConfigurationError for bad ones. */
  settings(): ProviderSettings {
    const settings = resolveSettings(this.config, process.env, this.keys);
    this.redactor.register(settings.clientSecret);
    this.redactor.register(settings.oidcToken);
    return settings;
  }

  /**
   * Why the settings cannot work (a bad environment, endpoint or authority), as a preview failure naming the
   * setting; undefined when they are fine. Every `check` asks, so a bad setting fails `pulumi preview` before any
   * request instead of the first Graph call of `pulumi up`.
   */
  settingsFailure(): { property: string; reason: string } | undefined {
    try {
      this.settings();
      return undefined;
    } catch (error) {
      if (error instanceof ConfigurationError) return { property: error.key, reason: error.message };
      throw error;
    }
  }

  /** What `check` knows of the settings; call after settingsFailure() found none. */
  checkSettings(): CheckSettings {
    const settings = this.settings();
    return { environment: settings.environment, environmentKey: this.keys.environment, credential: credentialKind(settings) };
  }

  /** The process's context, built on first use so a preview that never calls Graph needs no credential. */
  context(): ProviderContext {
    return (this.current ??= createContext(this.settings(), { sleep: this.waits.sleep, lines: this.log, redactor: this.redactor }));
  }

  /** The process's context writing to one operation's log, when the host gives one (the native plugin). */
  contextFor(log: OperationLog | undefined): ProviderContext {
    return log ? withOperationLog(this.context(), log, this.redactor) : this.context();
  }

  /** Replaces the context (tests drive a host's operations against the emulator this way); undefined: build it again. */
  useContext(context: ProviderContext | undefined): void {
    this.current = context;
  }

  /** Ends every pending and future wait of this process with OperationCancelledError (the native provider's Cancel). */
  cancel(): void {
    this.waits.cancel();
  }
}
