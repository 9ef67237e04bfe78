/**
 * Pulumi's ResourceProvider protocol for package `graph-connectors`, served over the stubs that ship in
 * `@pulumi/pulumi`: the native host of the engine the dynamic resources are served by too (../engine/engine.ts).
 * The engine stores checked inputs in each type's state form (a group's members as `"type:id"` strings), as
 * for the dynamic resources, except what a change adds (a group's new members), kept as declared so that the
 * detailed diff prints it so (detailedDiff.ts); here outputs follow the schema, which the typed SDKs
 * unmarshal. So that no SDK ever sees the stored form, the provider answers previews itself (Create and Update
 * with `preview`): without that the engine would hand the checked inputs to the program as outputs.
 *
 * Written over the stubs rather than `@pulumi/pulumi/provider`'s server because that one ignores the
 * configuration (Configure), answers CheckConfig/DiffConfig UNIMPLEMENTED, sends no detailed diff and cannot
 * import (Read without state). The resource methods' inputs and outputs (Structs) skip google-protobuf's message
 * objects both ways (structFields.ts): with them, the refresh of a set of 20,000 members peaked at ~300 MB of
 * RSS, without them at ~145 MB.
 * One plugin process serves one provider instance (the engine starts one per explicit provider), so the
 * process's state (../engine/providerProcess.ts, made by `serve`) is this provider's.
 */
import type * as grpcTypes from "@grpc/grpc-js";
import type { ServerUnaryCall, sendUnaryData } from "@grpc/grpc-js";
import { Engine } from "../engine/engine";
import { ProviderProcess } from "../engine/providerProcess";
import { typeOfToken } from "../engine/registry";
import { ResourceInitError } from "../resources/contract";
import { sameValue } from "../resources/values";
import { configFailures, configSource, NATIVE_CONFIG_KEYS } from "./config";
import { DetailedDiff, detailedDiff } from "./detailedDiff";
import { EngineLog } from "./engineLog";
import { fromStruct, Props, toStruct } from "./properties";
import { any, empty, grpc, plugin, proto, status } from "./pulumiRuntime";
import {
  CheckAnswer,
  CheckCall,
  CreateAnswer,
  CreateCall,
  DeleteCall,
  DiffCall,
  plainStruct,
  ReadAnswer,
  ReadCall,
  resourceProviderService,
  UpdateAnswer,
  UpdateCall,
} from "./structFields";
import { GraphConnectorsError } from "../errors";
import type { OperationLog } from "../operationLog";

export interface NativeProviderOptions {
  version: string;
  /** The package schema (schema.json) as text. */
  schema: string;
  /** Where warnings and progress go: the engine's Log RPC. @default stderr (no engine) */
  log?: EngineLog;
  /** The implementation, over this plugin process's state. @default one over a new process logging to `log` */
  engine?: Engine;
}

/** The engine of a plugin process whose lines of no single resource (retries of requests shared across resources) go to `log`'s stack diagnostics. */
function pluginEngine(log: EngineLog): Engine {
  return new Engine(new ProviderProcess({ log: log.forResource("") }), "handler", "declared");
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

function checkFailures(failures: Array<{ property: string; reason: string }>) {
  const response = new proto.CheckResponse();
  response.setFailuresList(
    failures.map(({ property, reason }) => {
      const failure = new proto.CheckFailure();
      failure.setProperty(property);
      failure.setReason(reason);
      return failure;
    }),
  );
  return response;
}

/** CheckConfig's answer, all google-protobuf (a provider's configuration is small). */
function checkResponse(inputs: Props, failures: Array<{ property: string; reason: string }>) {
  return checkFailures(failures).setInputs(toStruct(inputs));
}

/** Check's answer: the checked inputs are written by structFields.ts. */
function checkAnswer(inputs: Props, failures: Array<{ property: string; reason: string }>): CheckAnswer {
  return { message: checkFailures(failures), structs: { inputs } };
}

const CHANGE_KIND = {
  add: [proto.PropertyDiff.Kind.ADD, proto.PropertyDiff.Kind.ADD_REPLACE],
  delete: [proto.PropertyDiff.Kind.DELETE, proto.PropertyDiff.Kind.DELETE_REPLACE],
  update: [proto.PropertyDiff.Kind.UPDATE, proto.PropertyDiff.Kind.UPDATE_REPLACE],
} as const;

function diffResponse(diff: DetailedDiff) {
  const response = new proto.DiffResponse();
  const { DiffChanges } = proto.DiffResponse;
  response.setChanges(diff.changes === undefined ? DiffChanges.DIFF_UNKNOWN : diff.changes ? DiffChanges.DIFF_SOME : DiffChanges.DIFF_NONE);
  response.setDiffsList(diff.keys);
  response.setReplacesList(diff.replaces);
  response.setDeletebeforereplace(diff.deleteBeforeReplace);
  response.setHasdetaileddiff(diff.changes !== undefined);
  const details = response.getDetaileddiffMap();
  for (const [path, { change, replaces, inputDiff }] of Object.entries(diff.paths)) {
    const property = new proto.PropertyDiff();
    property.setKind(CHANGE_KIND[change][replaces ? 1 : 0]);
    property.setInputdiff(inputDiff);
    details.set(path, property);
  }
  return response;
}

/** The service implementation: one method per RPC the engine calls. */
export function nativeProvider(options: NativeProviderOptions): grpcTypes.UntypedServiceImplementation {
  const type = (request: { getType(): string; getUrn(): string }) =>
    typeOfToken(request.getType() || request.getUrn().split("::")[2] || "");
  const engineLog = options.log ?? new EngineLog(undefined);
  const engine = options.engine ?? pluginEngine(engineLog);
  /**
   * Runs one resource operation with a log bound to its URN; the engine gets the answer once the operation's
   * lines are delivered, so none arrives after the engine has moved on (or closed the plugin).
   */
  const logged = async <T>(request: { getUrn(): string }, run: (log: OperationLog) => Promise<T>): Promise<T> => {
    const log = engineLog.forResource(request.getUrn());
    try {
      return await run(log);
    } finally {
      await log.delivered();
    }
  };
  return {
    getPluginInfo: unary(async () => {
      const info = new plugin.PluginInfo();
      info.setVersion(options.version);
      return info;
    }),
    getSchema: unary(async (request: InstanceType<typeof proto.GetSchemaRequest>) => {
      if (request.getVersion() !== 0) throw new GraphConnectorsError(`unsupported schema version ${request.getVersion()}`);
      return new proto.GetSchemaResponse().setSchema(options.schema);
    }),
    checkConfig: unary(async (request: InstanceType<typeof proto.CheckRequest>) => {
      const news = fromStruct(request.getNews());
      return checkResponse(news, configFailures(news));
    }),
    diffConfig: unary(async (request: InstanceType<typeof proto.DiffRequest>) => {
      const olds = request.getOldInputs() ? fromStruct(request.getOldInputs()) : fromStruct(request.getOlds());
      const news = fromStruct(request.getNews());
      const changed = [...new Set([...Object.keys(olds), ...Object.keys(news)])].filter(
        (key) => key !== "version" && !sameValue(olds[key] ?? null, news[key] ?? null),
      );
      // Another tenant or endpoint is a different place, not a new provider: resources follow it as updates.
      return diffResponse({
        changes: changed.length > 0,
        paths: Object.fromEntries(changed.map((key) => [key, { change: "update", replaces: false, inputDiff: true }])),
        keys: changed,
        replaces: [],
        deleteBeforeReplace: false,
      });
    }),
    configure: unary(async (request: InstanceType<typeof proto.ConfigureRequest>) => {
      const args = fromStruct(request.getArgs());
      if (!request.getArgs())
        request.getVariablesMap().forEach((value, key) => {
          args[key.replace(/^[^:]+:config:/, "")] = value;
        });
      engine.configure(configSource(args), NATIVE_CONFIG_KEYS);
      const response = new proto.ConfigureResponse();
      // Secrets stay with the engine, which strips them from requests and marks outputs secret again.
      response.setAcceptsecrets(false);
      response.setAcceptresources(false);
      // Previews of Create and Update are answered here (outputs in the schema's form, no Graph request).
      response.setSupportspreview(true);
      return response;
    }),
    check: unary(({ message, structs }: CheckCall) =>
      logged(message, async (log): Promise<CheckAnswer> => {
        const olds = structs.olds ? plainStruct(structs.olds) : undefined;
        const checked = await engine.check(
          type(message),
          olds && Object.keys(olds).length > 0 ? olds : undefined,
          plainStruct(structs.news),
          { log, urn: message.getUrn() },
        );
        return checkAnswer(checked.inputs, checked.failures);
      }),
    ),
    diff: unary(({ message, structs }: DiffCall) =>
      logged(message, async (log) => {
        const olds = plainStruct(structs.olds);
        const news = plainStruct(structs.news);
        const { compared, ...verdict } = await engine.diff(type(message), message.getId(), olds, news, { log });
        const oldInputs = structs.oldInputs ? plainStruct(structs.oldInputs) : olds;
        return diffResponse(
          detailedDiff(verdict, {
            oldInputs,
            olds,
            news,
            readOldInputs: engine.handlerForm(type(message), oldInputs),
            readOlds: compared.olds,
            readNews: compared.news,
          }),
        );
      }),
    ),
    create: unary(
      ({ message, structs }: CreateCall) =>
        logged(message, async (log): Promise<CreateAnswer> => {
          const inputs = plainStruct(structs.properties);
          // A preview's outputs are the inputs (what the engine itself would answer), in the schema's form.
          if (message.getPreview())
            return { message: new proto.CreateResponse(), structs: { properties: engine.previewOutputs(type(message), inputs) } };
          const created = await engine.create(type(message), inputs, { log });
          return { message: new proto.CreateResponse().setId(created.id), structs: { properties: created.outs } };
        }),
      ({ structs }) => plainStruct(structs.properties),
    ),
    read: unary(({ message, structs }: ReadCall) =>
      logged(message, async (log): Promise<ReadAnswer> => {
        const state = plainStruct(structs.properties);
        const response = new proto.ReadResponse();
        // The inputs are decoded only when there is no state to read from.
        const inputs = Object.keys(state).length === 0 ? plainStruct(structs.inputs) : undefined;
        if (inputs && Object.keys(inputs).length === 0) {
          // `pulumi import`: only the id is known; the inputs are read back from Graph.
          const imported = await engine.import(type(message), message.getId(), { log });
          return imported
            ? { message: response.setId(message.getId()), structs: { properties: imported.props, inputs: imported.inputs } }
            : { message: response, structs: {} };
        }
        const read = await engine.read(type(message), message.getId(), inputs ?? state, { log });
        if (!read.id) return { message: response, structs: {} }; // gone: the engine drops it from state
        // Outputs that did not drift (a refresh, mostly) go back as the engine sent them, and the inputs always
        // do: encoding a set's 20,000 members again is work and garbage for nothing (structFields.ts).
        const properties = sameValue(read.props, state) ? (structs.properties ?? {}) : (read.props ?? {});
        return { message: response.setId(read.id), structs: { properties, inputs: structs.inputs ?? {} } };
      }),
    ),
    update: unary(
      ({ message, structs }: UpdateCall) =>
        logged(message, async (log): Promise<UpdateAnswer> => {
          const news = plainStruct(structs.news);
          if (message.getPreview())
            return { message: new proto.UpdateResponse(), structs: { properties: engine.previewOutputs(type(message), news) } };
          const updated = await engine.update(type(message), message.getId(), plainStruct(structs.olds), news, { log });
          return { message: new proto.UpdateResponse(), structs: { properties: updated.outs } };
        }),
      ({ structs }) => plainStruct(structs.news),
    ),
    delete: unary(({ message, structs }: DeleteCall) =>
      logged(message, async (log) => {
        await engine.delete(type(message), message.getId(), plainStruct(structs.properties), { log });
        return new empty.Empty();
      }),
    ),
    // Ends the waits in flight (a schema operation can take 15 minutes): each operation then fails, recording
    // what Graph holds as a partial result, instead of keeping the engine waiting.
    cancel: unary(async () => {
      engine.cancel();
      return new empty.Empty();
    }),
    attach: unary(async () => new empty.Empty()),
  };
}

/**
 * Serves the provider on a local port and prints the port, as Pulumi expects of a plugin. `engineAddress` is
 * the engine's, which the plugin is started with: warnings and progress go to its Log RPC.
 */
export async function serve(options: NativeProviderOptions & { engineAddress?: string }): Promise<grpcTypes.Server> {
  const log = options.log ?? new EngineLog(options.engineAddress);
  const server = new grpc.Server({ "grpc.max_receive_message_length": 400 * 1024 * 1024 });
  server.addService(resourceProviderService(), nativeProvider({ ...options, log, engine: options.engine ?? pluginEngine(log) }));
  const port = await new Promise<number>((resolve, reject) => {
    server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (error, bound) => (error ? reject(error) : resolve(bound)));
  });
  process.stdout.write(`${port}\n`);
  return server;
}
