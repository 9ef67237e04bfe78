/**
 * The dynamic resources' host: `v1`, what every type's shim (./shim.ts) calls in the process Pulumi's
 * dynamic-provider host runs, over the engine (../engine/engine.ts) with outputs kept in each type's stored
 * form, since a dynamic resource's outputs are its state. This module owns that process's state
 * (`dynamicProcess`): the host loads it once per process, as the shims require it by package name.
 *
 * The outputs of a half-done create or update also carry the serialized provider (`__provider`). The host adds
 * it to the outputs of a create or update that succeeds, but records an error's `properties` as they are
 * (cmd/dynamic-provider, `grpcResponseFromError`), and `pulumi refresh` and `pulumi destroy` load the provider
 * from the recorded outputs alone: without it they fail in the host (`code must be a string, not undefined`)
 * before any code of this package runs.
 */
import type { dynamic } from "@pulumi/pulumi";
import type { ConfigSource } from "../config/settings";
import { Engine } from "../engine/engine";
import { ProviderProcess } from "../engine/providerProcess";
import { limitHeapGrowth } from "../heap";
import type { OperationLog } from "../operationLog";
import { ResourceInitError } from "../resources/contract";
import { PROVIDER_KEY } from "../resources/values";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- property bags as the dynamic-provider host passes them, checked by the engine
type Props = Record<string, any>;

/** The state of the dynamic-provider host's process: one, for every resource type's provider in it. */
export const dynamicProcess = new ProviderProcess();
const engine = new Engine(dynamicProcess, "stored");

/**
 * Runs a create or update whose partial outputs, should it stop halfway, carry the serialized provider of
 * `props` (the create's inputs, the update's new inputs: what the host itself adds on success).
 */
async function keepingProvider<T>(props: Props, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (!(error instanceof ResourceInitError) || props[PROVIDER_KEY] === undefined) throw error;
    throw new ResourceInitError(error.id, { ...error.properties, [PROVIDER_KEY]: props[PROVIDER_KEY] }, error.cause as Error);
  }
}

/**
 * The dynamic resources' entry: a stable contract. State written by any release holds a shim that calls it,
 * and `pulumi destroy` and `pulumi refresh` run that old shim against whatever version is installed. Change
 * behaviour behind it freely, but never its signatures; a breaking change gets a `v2` beside it. `log` and `urn`
 * (last, optional) are for callers that have them; the shims pass none, and lines go to stderr, which the
 * dynamic-provider host shows.
 */
export const v1 = {
  configure(config: ConfigSource): void {
    // The dynamic-provider host calls configure before anything else of this package: the first moment
    // this code runs in that process.
    limitHeapGrowth();
    engine.configure(config);
  },
  async check(type: string, olds: Props | undefined, news: Props, log?: OperationLog, urn?: string): Promise<dynamic.CheckResult> {
    const { inputs, failures } = await engine.check(type, olds, news, { log, urn });
    return failures.length > 0 ? { failures } : { inputs };
  },
  async diff(type: string, id: string, olds: Props, news: Props, log?: OperationLog): Promise<dynamic.DiffResult> {
    const { compared: _compared, ...verdict } = await engine.diff(type, id, olds, news, { log });
    return verdict;
  },
  async create(type: string, inputs: Props, log?: OperationLog): Promise<dynamic.CreateResult> {
    return keepingProvider(inputs, () => engine.create(type, inputs, { log }));
  },
  async read(type: string, id: string, props: Props | undefined, log?: OperationLog): Promise<dynamic.ReadResult> {
    return engine.read(type, id, props ?? {}, { log });
  },
  async update(type: string, id: string, olds: Props, news: Props, log?: OperationLog): Promise<dynamic.UpdateResult> {
    return keepingProvider(news, () => engine.update(type, id, olds, news, { log }));
  },
  async delete(type: string, id: string, props: Props, log?: OperationLog): Promise<void> {
    return engine.delete(type, id, props, { log });
  },
  /** The object `id` as inputs that declare it exactly and the outputs they give; undefined when it does not exist. */
  async import(type: string, id: string, log?: OperationLog): Promise<{ inputs: Props; props: Props } | undefined> {
    return engine.import(type, id, { log });
  },
};

export type Implementation = typeof v1;
