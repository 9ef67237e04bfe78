/**
 * The dynamic resources' state in each type's stored form (stateForm.ts): everything the dynamic-provider
 * host hands in is read back to the handlers' form first, and everything that goes to the state (checked
 * inputs, outputs, the outputs of a half-done create or update) is written in the stored form.
 * Only `v1`, the dynamic resources' entry, goes through here; the native provider's outputs follow its schema.
 *
 * The outputs of a half-done create or update also carry the serialized provider (`__provider`). The host adds
 * it to the outputs of a create or update that succeeds, but records an error's `properties` as they are
 * (cmd/dynamic-provider, `grpcResponseFromError`), and `pulumi refresh` and `pulumi destroy` load the provider
 * from the recorded outputs alone: without it they fail in the host (`code must be a string, not undefined`)
 * before any code of this package runs.
 */
import type { dynamic } from "@pulumi/pulumi";
import type { Implementation } from "./impl";
import { ResourceInitError } from "./resources/contract";
import { PROVIDER_KEY } from "./resources/values";
import { StateForm, stateFormOf } from "./stateForm";

/* eslint-disable @typescript-eslint/no-explicit-any */
type Props = Record<string, any>;

/**
 * Runs a create or update whose partial outputs, should it stop halfway, are stored in `form` too, with the
 * serialized provider of `props` (the create's inputs, the update's new inputs: what the host itself adds on success).
 */
async function storingPartialState<T>(form: StateForm, props: Props, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (!(error instanceof ResourceInitError)) throw error;
    const provider = props[PROVIDER_KEY] === undefined ? {} : { [PROVIDER_KEY]: props[PROVIDER_KEY] };
    throw new ResourceInitError(error.id, { ...form.store(error.properties as Props), ...provider }, error.cause as Error);
  }
}

export function storingDynamicState(implementation: Implementation): Implementation {
  return {
    ...implementation,
    async check(type: string, olds: Props | undefined, news: Props): Promise<dynamic.CheckResult> {
      const form = stateFormOf(type);
      const result = await implementation.check(type, olds && form.read(olds), form.read(news));
      return result.inputs ? { ...result, inputs: form.store(result.inputs) } : result;
    },
    async diff(type: string, id: string, olds: Props, news: Props): Promise<dynamic.DiffResult> {
      const form = stateFormOf(type);
      return implementation.diff(type, id, form.read(olds), form.read(news));
    },
    async create(type: string, inputs: Props): Promise<dynamic.CreateResult> {
      const form = stateFormOf(type);
      const created = await storingPartialState(form, inputs, () => implementation.create(type, form.read(inputs)));
      return { ...created, outs: created.outs && form.store(created.outs) };
    },
    async read(type: string, id: string, props: Props | undefined): Promise<dynamic.ReadResult> {
      const form = stateFormOf(type);
      const read = await implementation.read(type, id, props && form.read(props));
      return read.props ? { ...read, props: form.store(read.props) } : read;
    },
    async update(type: string, id: string, olds: Props, news: Props): Promise<dynamic.UpdateResult> {
      const form = stateFormOf(type);
      const updated = await storingPartialState(form, news, () => implementation.update(type, id, form.read(olds), form.read(news)));
      return { ...updated, outs: updated.outs && form.store(updated.outs) };
    },
    async delete(type: string, id: string, props: Props): Promise<void> {
      return implementation.delete(type, id, stateFormOf(type).read(props));
    },
  };
}
