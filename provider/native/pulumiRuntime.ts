/**
 * The gRPC and protobuf modules the native provider speaks Pulumi's protocol with, loaded from beside the
 * program's `@pulumi/pulumi` (pulumiStubs.ts): its generated stubs (`proto/provider_pb`) build messages with their own copy of
 * `google-protobuf`, and a Struct from another copy would not serialize into them.
 */
import type * as grpcTypes from "@grpc/grpc-js";
import type * as providerProto from "@pulumi/pulumi/proto/provider_pb";
import type * as providerGrpc from "@pulumi/pulumi/proto/provider_grpc_pb";
import type * as pluginProto from "@pulumi/pulumi/proto/plugin_pb";
import type * as engineProto from "@pulumi/pulumi/proto/engine_pb";
import type * as engineGrpc from "@pulumi/pulumi/proto/engine_grpc_pb";
import type * as structProto from "google-protobuf/google/protobuf/struct_pb";
import type * as emptyProto from "google-protobuf/google/protobuf/empty_pb";
import type * as anyProto from "google-protobuf/google/protobuf/any_pb";
import { fromPulumi } from "./pulumiStubs";

export const grpc: typeof grpcTypes = fromPulumi("@grpc/grpc-js");
export const proto: typeof providerProto = fromPulumi("./provider_pb");
export const services: typeof providerGrpc = fromPulumi("./provider_grpc_pb");
export const plugin: typeof pluginProto = fromPulumi("./plugin_pb");
/** The engine's own service (its Log RPC), which the plugin calls back at the address it is started with. */
export const engine: typeof engineProto = fromPulumi("./engine_pb");
export const engineServices: typeof engineGrpc = fromPulumi("./engine_grpc_pb");
export const status: {
  Status: new () => {
    setCode(code: number): void;
    setMessage(message: string): void;
    addDetails(detail: anyProto.Any): void;
    serializeBinary(): Uint8Array;
  };
} = fromPulumi("./status_pb");
export const struct: typeof structProto = fromPulumi("google-protobuf/google/protobuf/struct_pb");
export const empty: typeof emptyProto = fromPulumi("google-protobuf/google/protobuf/empty_pb");
export const any: typeof anyProto = fromPulumi("google-protobuf/google/protobuf/any_pb");
