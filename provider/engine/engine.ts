/**
 * The implementation both hosts serve: each Pulumi resource method, dispatched through the registry to the
 * type's handler. The dynamic resources' host (provider/dynamic/host.ts) and the native plugin
 * (provider/native/server.ts) only translate their protocol to these calls.
 *
 * The state's form is applied here, once for both hosts: whatever a host hands in (checked inputs, outputs, of
 * any release) is read into the handler's form without the dynamic host's `__provider`; checked inputs go back
 * in the type's stored form (registry.ts, `stateForm`), for the native plugin with what a change adds to the
 * old inputs as the handler takes it (`additions`: its detailed diff prints a change from the stored inputs,
 * provider/native/detailedDiff.ts); outputs go back in the form the host keeps them in
 * (`outputs`): stored for the dynamic resources, whose outputs are their state, as the handler gives them for
 * the native plugin, whose outputs follow its schema. The outputs of a create or update that stopped halfway
 * (ResourceInitError) are in that form too.
 *
 * Every error an operation throws has the process's literal secrets scrubbed from its message (the Graph
 * layer's errors scrub what has a credential's shape as they are made), and every line it writes is redacted.
 */
import type { dynamic } from "@pulumi/pulumi";
import { stableJson } from "../../model/json";
import type { ConfigKeys, ConfigSource } from "../config/settings";
import { NotImportableError, ResourceInitError } from "../resources/contract";
import { OperationLog, redacting, STDERR_LOG } from "../operationLog";
import { withoutProviderKey } from "../resources/values";
import { checkResource } from "./check";
import type { ProviderProcess } from "./providerProcess";
import { resourceEntry, stateFormOf } from "./registry";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- property bags as either host passes them; check() gives them their types
type Props = Record<string, any>;

/** Where the outputs of operations go: stored as the state keeps a type's properties, or as the handler gives them. */
export type OutputForm = "stored" | "handler";

/** How checked inputs keep what a change adds to the old inputs (a group's new members): packed like the rest, or as declared. */
export type AdditionForm = "packed" | "declared";

/** What a host knows of the operation it hands over. */
export interface OperationScope {
  /** Where the operation's warnings and progress reach the person running Pulumi. @default stderr */
  log?: OperationLog;
  /** The resource's URN, when the host has it (the native plugin): to name the resource in warnings. */
  urn?: string;
}

export interface CheckAnswer {
  /** The checked inputs in the stored form; when anything failed, the inputs as received (the native plugin answers them). */
  inputs: Props;
  failures: dynamic.CheckFailure[];
}

/** A diff, and the two sides as the handler compared them (the native plugin names the changed paths from them). */
export interface DiffAnswer extends dynamic.DiffResult {
  compared: { olds: Props; news: Props };
}

export class Engine {
  constructor(
    readonly process: ProviderProcess,
    private readonly outputs: OutputForm,
    private readonly additions: AdditionForm = "packed",
  ) {}

  configure(source: ConfigSource, keys?: ConfigKeys): void {
    this.process.configure(source, keys);
  }

  async check(type: string, olds: Props | undefined, news: Props, scope: OperationScope = {}): Promise<CheckAnswer> {
    const form = stateFormOf(type);
    const received = form.read(news);
    const settings = this.process.settingsFailure();
    if (settings) return { inputs: form.store(received), failures: [settings] };
    const checked = checkResource(type, olds && form.read(olds), received, this.process.checkSettings());
    const warnings = [...(checked.warnings ?? [])];
    if (checked.inputs) warnings.push(...this.ownershipWarnings(type, checked.inputs, scope.urn));
    // Shown in the preview, like diff's warnings.
    for (const warning of warnings) this.lines(scope).warn(warning);
    const previous = this.additions === "declared" ? olds : undefined;
    return { inputs: form.store(checked.inputs ?? received, previous), failures: checked.failures ?? [] };
  }

  async diff(type: string, id: string, olds: Props, news: Props, scope: OperationScope = {}): Promise<DiffAnswer> {
    const compared = { olds: this.inbound(type, olds), news: this.inbound(type, news) };
    const { warnings, ...verdict } = resourceEntry(type).handler.diff(id, compared.olds, compared.news);
    // Shown in the preview: e.g. that a replace deletes every ingested item.
    for (const warning of warnings ?? []) this.lines(scope).warn(warning);
    return { ...verdict, compared };
  }

  /** The outputs a preview shows for a create or an update: the checked inputs, no request made. */
  previewOutputs(type: string, inputs: Props): Props {
    return this.outbound(type, this.inbound(type, inputs));
  }

  async create(type: string, inputs: Props, scope: OperationScope = {}): Promise<{ id: string; outs: Props }> {
    return this.run(type, async () => {
      const created = await resourceEntry(type).handler.create(this.process.contextFor(scope.log), this.inbound(type, inputs));
      return { id: created.id, outs: this.outbound(type, created.outs) };
    });
  }

  async read(type: string, id: string, props: Props, scope: OperationScope = {}): Promise<{ id?: string; props?: Props }> {
    return this.run(type, async () => {
      const read = await resourceEntry(type).handler.read(this.process.contextFor(scope.log), id, this.inbound(type, props));
      return read.props ? { ...read, props: this.outbound(type, read.props) } : read;
    });
  }

  async update(type: string, id: string, olds: Props, news: Props, scope: OperationScope = {}): Promise<{ outs: Props }> {
    return this.run(type, async () => {
      const updated = await resourceEntry(type).handler.update(
        this.process.contextFor(scope.log),
        id,
        this.inbound(type, olds),
        this.inbound(type, news),
      );
      return { outs: this.outbound(type, updated.outs) };
    });
  }

  async delete(type: string, id: string, props: Props, scope: OperationScope = {}): Promise<void> {
    return this.run(type, () => resourceEntry(type).handler.delete(this.process.contextFor(scope.log), id, this.inbound(type, props)));
  }

  /**
   * The object `id` as inputs that declare it exactly (stored form) and the outputs they give (`pulumi import`
   * through the native provider, `graph-connectors export`); undefined when it does not exist.
   */
  async import(type: string, id: string, scope: OperationScope = {}): Promise<{ inputs: Props; props: Props } | undefined> {
    return this.run(type, async () => {
      const entry = resourceEntry(type);
      const { handler } = entry;
      if (!handler.importInputs || !("id" in entry.import)) {
        const hint = "hint" in entry.import ? entry.import.hint : "declare it instead";
        throw new NotImportableError(`${type} cannot be imported: Graph offers no way to read it back (${hint})`);
      }
      const ctx = this.process.contextFor(scope.log);
      const inputs = await handler.importInputs(ctx, id);
      if (!inputs) return undefined;
      const read = await handler.read(ctx, id, inputs);
      if (read.id && entry.import.note) ctx.log(`${type} '${id}': ${entry.import.note}`);
      return read.id ? { inputs: stateFormOf(type).store(inputs), props: this.outbound(type, read.props ?? inputs) } : undefined;
    });
  }

  /** Ends the waits in flight (the native provider's Cancel): each operation then fails, recording what Graph holds. */
  cancel(): void {
    this.process.cancel();
  }

  /** Props a host hands in (of any release), as the handler takes them. */
  handlerForm(type: string, props: Props): Props {
    return this.inbound(type, props);
  }

  /** Props a host hands in, as the handler takes them. */
  private inbound(type: string, props: Props): Props {
    return stateFormOf(type).read(withoutProviderKey(props));
  }

  /** Outputs as the host keeps them. */
  private outbound(type: string, props: Props): Props {
    return this.outputs === "stored" ? stateFormOf(type).store(props) : props;
  }

  private lines(scope: OperationScope): OperationLog {
    return redacting(scope.log ?? STDERR_LOG, (text) => this.process.redactor.redact(text));
  }

  /** A group managed by this resource and another one, as a warning; the dynamic host gives no URN, so a resource is known by what it declares. */
  private ownershipWarnings(type: string, inputs: Props, urn: string | undefined): string[] {
    const { connectionId, groupId, memberId } = inputs;
    const identity = urn ?? `${type}:${stableJson({ connectionId, groupId, memberId })}`;
    return this.process.groupOwnership.note(type, inputs, identity, urn ? `${type} '${urn.slice(urn.lastIndexOf("::") + 2)}'` : type);
  }

  /**
   * Runs an operation that may reach Graph: a failure halfway keeps its partial outputs in the host's form, and
   * every error leaves with the process's literal secrets scrubbed from its message.
   */
  private async run<T>(type: string, operation: () => Promise<T>): Promise<T> {
    try {
      return await operation();
    } catch (error) {
      throw this.scrubbed(error instanceof ResourceInitError ? this.partial(type, error) : error);
    }
  }

  private partial(type: string, error: ResourceInitError): ResourceInitError {
    return new ResourceInitError(error.id, this.outbound(type, error.properties as Props), error.cause as Error);
  }

  private scrubbed(error: unknown): unknown {
    if (!(error instanceof Error)) return error;
    const scrub = (text: string) => this.process.redactor.redact(text);
    error.message = scrub(error.message);
    if (error.stack) error.stack = scrub(error.stack);
    if (error instanceof ResourceInitError) error.reasons.splice(0, error.reasons.length, ...error.reasons.map(scrub));
    return error;
  }
}
