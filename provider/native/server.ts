/**
 * Pulumi's ResourceProvider protocol for package `graph-connectors`, served over the stubs that ship in
 * `@pulumi/pulumi` and backed by the same implementation as the dynamic resources (`implementation` in
 * provider/impl.ts). Checked inputs are stored in each type's state form (a group's members as `"type:id"`
 * strings, ../stateForm.ts), as the dynamic resources store them; outputs follow the schema, which the typed
 * SDKs unmarshal. So that no SDK ever sees the stored form, the provider answers previews itself (Create and
 * Update with `preview`): without that the engine would hand the checked inputs to the program as outputs.
 *
 * Written over the stubs rather than `@pulumi/pulumi/provider`'s server because that one ignores the
 * configuration (Configure), answers CheckConfig/DiffConfig UNIMPLEMENTED, sends no detailed diff and cannot
 * import (Read without state). One plugin process serves one provider instance (the engine starts one per
 * explicit provider), so the process-wide settings in runtime.ts are this provider's.
 */
import type * as grpcTypes from "@grpc/grpc-js";
import type { ServerUnaryCall, sendUnaryData } from "@grpc/grpc-js";
import { implementation } from "../impl";
import { cancelWaits, configure } from "../runtime";
import { ResourceInitError } from "../resources/contract";
import { stateFormOf } from "../stateForm";
import { sameValue } from "../resources/values";
import { configFailures, configSource, NATIVE_CONFIG_KEYS } from "./config";
import { detailedDiff } from "./detailedDiff";
import { fromStruct, Props, toStruct, typeName } from "./properties";
import { any, empty, grpc, plugin, proto, services, status } from "./pulumiRuntime";

export interface NativeProviderOptions {
  version: string;
  /** The package schema (schema.json) as text. */
  schema: string;
}

type Handler<Req, Res> = (request: Req) => Promise<Res>;

/** A unary gRPC method from an async function; failures become gRPC errors the engine understands. */
function unary<Req, Res>(handle: Handler<Req, Res>, inputsOf?: (request: Req) => Props) {
  return (call: ServerUnaryCall<Req, Res>, callback: sendUnaryData<Res>) => {
    handle(call.request).then(
      (response) => callback(null, response),
      (error: Error) => callback(toServiceError(error, inputsOf?.(call.request))),
    );
  };
}

/**
 * An error as the engine reads it: a ResourceInitError carries `ErrorResourceInitFailed` in the status
 * details, so the engine records the partly created or updated object with what Graph holds.
 */
function toServiceError(error: Error, inputs: Props | undefined): Partial<grpcTypes.StatusObject> {
  const metadata = new grpc.Metadata();
  if (error instanceof ResourceInitError) {
    const detail = new proto.ErrorResourceInitFailed();
    detail.setId(error.id);
    detail.setProperties(toStruct(error.properties));
    detail.setReasonsList(error.reasons);
    if (inputs) detail.setInputs(toStruct(inputs));
    const packed = new any.Any();
    packed.pack(detail.serializeBinary(), "pulumirpc.ErrorResourceInitFailed");
    const rpcStatus = new status.Status();
    rpcStatus.setCode(grpc.status.UNKNOWN);
    rpcStatus.setMessage(error.message);
    rpcStatus.addDetails(packed);
    metadata.add("grpc-status-details-bin", Buffer.from(rpcStatus.serializeBinary()));
  }
  return { code: grpc.status.UNKNOWN, details: error.message, metadata };
}

function checkResponse(inputs: Props, failures: Array<{ property: string; reason: string }>) {
  const response = new proto.CheckResponse();
  response.setInputs(toStruct(inputs));
  response.setFailuresList(failures.map(({ property, reason }) => {
    const failure = new proto.CheckFailure();
    failure.setProperty(property);
    failure.setReason(reason);
    return failure;
  }));
  return response;
}

const CHANGE_KIND = {
  add: [proto.PropertyDiff.Kind.ADD, proto.PropertyDiff.Kind.ADD_REPLACE],
  delete: [proto.PropertyDiff.Kind.DELETE, proto.PropertyDiff.Kind.DELETE_REPLACE],
  update: [proto.PropertyDiff.Kind.UPDATE, proto.PropertyDiff.Kind.UPDATE_REPLACE],
} as const;

function diffResponse(diff: ReturnType<typeof detailedDiff>) {
  const response = new proto.DiffResponse();
  const { DiffChanges } = proto.DiffResponse;
  response.setChanges(diff.changes === undefined ? DiffChanges.DIFF_UNKNOWN : diff.changes ? DiffChanges.DIFF_SOME : DiffChanges.DIFF_NONE);
  const keys = Object.keys(diff.properties);
  response.setDiffsList(keys);
  response.setReplacesList(keys.filter((key) => diff.properties[key].replaces));
  response.setDeletebeforereplace(diff.deleteBeforeReplace);
  response.setHasdetaileddiff(diff.changes !== undefined);
  const details = response.getDetaileddiffMap();
  for (const key of keys) {
    const property = new proto.PropertyDiff();
    property.setKind(CHANGE_KIND[diff.properties[key].change][diff.properties[key].replaces ? 1 : 0]);
    property.setInputdiff(true);
    details.set(key, property);
  }
  return response;
}

/** The service implementation: one method per RPC the engine calls. */
export function nativeProvider(options: NativeProviderOptions): grpcTypes.UntypedServiceImplementation {
  const type = (request: { getType(): string; getUrn(): string }) => typeName(request.getType() || request.getUrn().split("::")[2] || "");
  return {
    getPluginInfo: unary(async () => {
      const info = new plugin.PluginInfo();
      info.setVersion(options.version);
      return info;
    }),
    getSchema: unary(async (request: InstanceType<typeof proto.GetSchemaRequest>) => {
      if (request.getVersion() !== 0) throw new Error(`unsupported schema version ${request.getVersion()}`);
      return new proto.GetSchemaResponse().setSchema(options.schema);
    }),
    checkConfig: unary(async (request: InstanceType<typeof proto.CheckRequest>) => {
      const news = fromStruct(request.getNews());
      return checkResponse(news, configFailures(news));
    }),
    diffConfig: unary(async (request: InstanceType<typeof proto.DiffRequest>) => {
      const olds = request.getOldInputs() ? fromStruct(request.getOldInputs()) : fromStruct(request.getOlds());
      const news = fromStruct(request.getNews());
      const changed = [...new Set([...Object.keys(olds), ...Object.keys(news)])].filter((key) => key !== "version" && !sameValue(olds[key] ?? null, news[key] ?? null));
      // Another tenant or endpoint is a different place, not a new provider: resources follow it as updates.
      return diffResponse({ changes: changed.length > 0, properties: Object.fromEntries(changed.map((key) => [key, { change: "update", replaces: false }])), deleteBeforeReplace: false });
    }),
    configure: unary(async (request: InstanceType<typeof proto.ConfigureRequest>) => {
      const args = fromStruct(request.getArgs());
      if (!request.getArgs()) request.getVariablesMap().forEach((value, key) => { args[key.replace(/^[^:]+:config:/, "")] = value; });
      configure(configSource(args), NATIVE_CONFIG_KEYS);
      const response = new proto.ConfigureResponse();
      // Secrets stay with the engine, which strips them from requests and marks outputs secret again.
      response.setAcceptsecrets(false);
      response.setAcceptresources(false);
      // Previews of Create and Update are answered here (outputs in the schema's form, no Graph request).
      response.setSupportspreview(true);
      return response;
    }),
    check: unary(async (request: InstanceType<typeof proto.CheckRequest>) => {
      const form = stateFormOf(type(request));
      const olds = request.getOlds() ? form.read(fromStruct(request.getOlds())) : undefined;
      const news = form.read(fromStruct(request.getNews()));
      const result = await implementation.check(type(request), olds && Object.keys(olds).length > 0 ? olds : undefined, news);
      return checkResponse(form.store((result.inputs as Props | undefined) ?? news), result.failures ?? []);
    }),
    diff: unary(async (request: InstanceType<typeof proto.DiffRequest>) => {
      const form = stateFormOf(type(request));
      const olds = form.read(fromStruct(request.getOlds()));
      const news = form.read(fromStruct(request.getNews()));
      const verdict = await implementation.diff(type(request), request.getId(), olds, news);
      return diffResponse(detailedDiff(verdict, request.getOldInputs() ? form.read(fromStruct(request.getOldInputs())) : olds, olds, news));
    }),
    create: unary(async (request: InstanceType<typeof proto.CreateRequest>) => {
      const inputs = stateFormOf(type(request)).read(fromStruct(request.getProperties()));
      // A preview's outputs are the inputs (what the engine itself would answer), in the schema's form.
      if (request.getPreview()) return new proto.CreateResponse().setProperties(toStruct(inputs));
      const created = await implementation.create(type(request), inputs);
      return new proto.CreateResponse().setId(created.id).setProperties(toStruct(created.outs));
    }, (request) => fromStruct(request.getProperties())),
    read: unary(async (request: InstanceType<typeof proto.ReadRequest>) => {
      const state = fromStruct(request.getProperties());
      const inputs = fromStruct(request.getInputs());
      const response = new proto.ReadResponse();
      const form = stateFormOf(type(request));
      if (Object.keys(state).length === 0 && Object.keys(inputs).length === 0) {
        // `pulumi import`: only the id is known; the inputs are read back from Graph.
        const imported = await implementation.import(type(request), request.getId());
        if (imported) response.setId(request.getId()).setProperties(toStruct(imported.props)).setInputs(toStruct(form.store(imported.inputs)));
        return response;
      }
      const read = await implementation.read(type(request), request.getId(), form.read(Object.keys(state).length > 0 ? state : inputs));
      if (!read.id) return response; // gone: the engine drops it from state
      // Outputs that did not drift (a refresh, mostly) go back as the engine sent them, and the inputs always
      // do: a second Struct of a set's 20,000 members as objects is ~50 MB of heap, and the native plugin's
      // refresh of such a set peaked at 291-347 MB of RSS (docs/benchmark.md).
      const properties = sameValue(read.props, state) ? request.getProperties()! : toStruct(read.props);
      return response.setId(read.id).setProperties(properties).setInputs(request.getInputs() ?? toStruct({}));
    }),
    update: unary(async (request: InstanceType<typeof proto.UpdateRequest>) => {
      const form = stateFormOf(type(request));
      const news = form.read(fromStruct(request.getNews()));
      if (request.getPreview()) return new proto.UpdateResponse().setProperties(toStruct(news));
      const updated = await implementation.update(type(request), request.getId(), form.read(fromStruct(request.getOlds())), news);
      return new proto.UpdateResponse().setProperties(toStruct(updated.outs));
    }, (request) => fromStruct(request.getNews())),
    delete: unary(async (request: InstanceType<typeof proto.DeleteRequest>) => {
      await implementation.delete(type(request), request.getId(), stateFormOf(type(request)).read(fromStruct(request.getProperties())));
      return new empty.Empty();
    }),
    // Ends the waits in flight (a schema operation can take 15 minutes): each operation then fails, recording
    // what Graph holds as a partial result, instead of keeping the engine waiting.
    cancel: unary(async () => {
      cancelWaits();
      return new empty.Empty();
    }),
    attach: unary(async () => new empty.Empty()),
  };
}

/** Serves the provider on a local port and prints the port, as Pulumi expects of a plugin. */
export async function serve(options: NativeProviderOptions): Promise<grpcTypes.Server> {
  const server = new grpc.Server({ "grpc.max_receive_message_length": 400 * 1024 * 1024 });
  server.addService(services.ResourceProviderService, nativeProvider(options));
  const port = await new Promise<number>((resolve, reject) => {
    server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (error, bound) => (error ? reject(error) : resolve(bound)));
  });
  process.stdout.write(`${port}\n`);
  return server;
}
