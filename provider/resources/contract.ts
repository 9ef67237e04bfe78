import type { dynamic } from "@pulumi/pulumi";
import type { Problem } from "../../model/problem";
import type { CredentialKind } from "../config/credential";
import type { ProviderContext } from "../context";
import { GraphConnectorsError } from "../errors";

/** A diff, plus lines the person running the preview must read (e.g. that a replace loses ingested items). */
export type DiffWithWarnings = dynamic.DiffResult & { warnings?: string[] };

/**
 * What a handler's check finds: the inputs as they are to be stored (normalised, e.g. a canonical schema), or
 * the problems with them, each at its input path (the engine words the failure, engine/check.ts); plus lines
 * the person running the preview must read (e.g. what keeps a connection out of Copilot).
 */
export interface HandlerCheck<Inputs> {
  inputs?: Inputs;
  problems?: Problem[];
  warnings?: string[];
}

/** What `check` knows of the provider's settings (resolved and valid by then). */
export interface CheckSettings {
  /** The national cloud. */
  environment: string;
  /** The config key it comes from (`msgraph:environment`, or the native provider's `graph-connectors:environment`), for failures. */
  environmentKey: string;
  /** Whether the configured credential signs in as a user or an application; absent when not known (a handler tested alone). */
  credential?: CredentialKind;
}

/** The national clouds a resource type exists in, where that is not every cloud, and why (for the failure). */
export interface CloudRestriction {
  clouds: readonly string[];
  why: string;
}

/** The settings a check sees when none are given: the global cloud, as the provider defaults to. */
export const DEFAULT_CHECK_SETTINGS: CheckSettings = { environment: "global", environmentKey: "msgraph:environment" };

/**
 * How a resource type's properties are kept in Pulumi's state, where that differs from what its handler works
 * with (a group's members as `"type:id"` strings: externalGroup/memberRecord.ts says why). Both hosts store
 * checked inputs in this form, the dynamic resources their outputs too (engine/engine.ts).
 */
export interface StateForm {
  /**
   * Checked inputs or outputs as stored. With `previous` (the old inputs, in any form), what the change adds
   * to them is kept as the handler takes it, at its place: the native plugin's detailed diff prints a change
   * from the stored inputs (provider/native/detailedDiff.ts).
   */
  store<T extends object>(props: T, previous?: object): T;
  /** Stored inputs or outputs (of any release) as the handler takes them. */
  read<T extends object>(props: T): T;
}

/** One resource type's provider logic; the engine dispatches both hosts' calls to it (engine/registry.ts). */
export interface ResourceHandler<Inputs, Outputs> {
  /**
   * The type's own rules, before any request. The engine has already checked every key and JSON type of the
   * inputs against the type's input shape (engine/registry.ts) and taken the dynamic host's `__provider` out.
   */
  check(olds: Partial<Inputs> | undefined, news: Record<string, unknown>, settings: CheckSettings): HandlerCheck<Inputs>;
  diff(id: string, olds: Outputs, news: Inputs): DiffWithWarnings;
  create(ctx: ProviderContext, inputs: Inputs): Promise<{ id: string; outs: Outputs }>;
  read(ctx: ProviderContext, id: string, props: Outputs): Promise<{ id?: string; props?: Outputs }>;
  update(ctx: ProviderContext, id: string, olds: Outputs, news: Inputs): Promise<{ outs: Outputs }>;
  delete(ctx: ProviderContext, id: string, props: Outputs): Promise<void>;
  /**
   * The inputs that declare the object `id` exactly as Graph holds it (`pulumi import`, `graph-connectors
   * export`), so a program declaring them previews with no changes; undefined when it does not exist.
   * Absent for types Graph cannot read back.
   */
  importInputs?(ctx: ProviderContext, id: string): Promise<Inputs | undefined>;
}

/** Why a type cannot be imported, for the person running `pulumi import`. */
export class NotImportableError extends GraphConnectorsError {
  override readonly name = "NotImportableError" as const;
}

/**
 * Thrown when a create got past its first request but not to the end (e.g. the schema operation failed).
 * The dynamic provider turns an error carrying `id` and `properties` into a partially created resource, so
 * the connection is recorded in state and the next `pulumi up` finishes it instead of orphaning it.
 */
export class ResourceInitError extends GraphConnectorsError {
  override readonly name = "ResourceInitError" as const;
  readonly reasons: string[];

  constructor(
    readonly id: string,
    readonly properties: object,
    cause: Error,
  ) {
    super(cause.message, { cause });
    this.reasons = [cause.message];
  }
}

/**
 * Runs the steps of a create or update that come after its first request. When one fails, the failure becomes
 * a ResourceInitError whose properties are `known(error)`: the outputs of what Graph holds at that point, so
 * the state stays true (the engine records them and runs update on the next `pulumi up`). With `halfDone`,
 * only the failures it accepts (e.g. a write that may have taken effect) are recorded; the others stay plain.
 */
export async function recordingPartialState<T>(
  id: string,
  steps: () => Promise<T>,
  known: (error: Error) => object,
  halfDone: (error: unknown) => boolean = () => true,
): Promise<T> {
  try {
    return await steps();
  } catch (error) {
    if (!halfDone(error)) throw error;
    throw new ResourceInitError(id, known(error as Error), error as Error);
  }
}
