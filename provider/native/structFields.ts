/**
 * The resource methods' messages with their Struct fields (a resource's inputs and outputs) kept apart from
 * google-protobuf: a request's Structs are cut out of its bytes before google-protobuf decodes the rest (ids,
 * URNs, flags), and a response's are written by structWire.ts after google-protobuf has written the rest.
 * Protobuf lets a message's fields come in any order, and two occurrences of a Struct field merge like one
 * Struct with both sets of entries (https://protobuf.dev/programming-guides/encoding/#last-one-wins: embedded
 * messages merge, map entries by key), so the bytes on the wire mean the same message as google-protobuf's.
 *
 * A Struct of a request is handed over as its bytes: the plugin decodes what it uses, and a Read can send
 * outputs that did not drift back as they came, without decoding them twice or encoding them at all.
 */
import type * as grpcTypes from "@grpc/grpc-js";
import { decodeStruct, encodeStruct, lengthDelimitedField, WireReader, WireType } from "./structWire";
import type { Props } from "./properties";
import { unwrapSecrets } from "./properties";
import { proto, services, struct } from "./pulumiRuntime";

interface ProtoMessage {
  serializeBinary(): Uint8Array;
}

interface MessageClass<M extends ProtoMessage> {
  new (): M;
  prototype: M;
  deserializeBinary(bytes: Uint8Array): M;
}

/** A request as the plugin's methods take it: everything but the Structs decoded, each Struct as its bytes. */
export interface SplitRequest<M, S extends string> {
  message: M;
  structs: Partial<Record<S, Uint8Array>>;
}

/** A response as the plugin's methods give it: each Struct as plain JSON, or as bytes to send as they are. */
export interface SplitResponse<M, S extends string> {
  message: M;
  structs: Partial<Record<S, Props | Uint8Array>>;
}

/** A Struct of a request as plain JSON (secrets unwrapped, see properties.ts); an absent one is empty. */
export function plainStruct(bytes: Uint8Array | undefined): Props {
  return bytes ? (unwrapSecrets(decodeStruct(bytes)) as Props) : {};
}

/** The field number a message class gives the Struct its setter sets, read from what google-protobuf writes. */
function fieldNumberOf<M extends ProtoMessage>(messageClass: MessageClass<M>, setter: string): number {
  const message = new messageClass() as unknown as Record<string, (value: unknown) => void> & ProtoMessage;
  message[setter](new struct.Struct());
  const bytes = message.serializeBinary();
  return new WireReader(bytes, 0, bytes.length).tag().field;
}

/**
 * Struct name → field number, for the named setters of a message class (`olds` → `setOlds`). A Struct the
 * installed `@pulumi/pulumi` stubs do not have (an older release, without Check's old outputs) is left out.
 */
export function structFields<M extends ProtoMessage>(messageClass: MessageClass<M>, names: readonly string[]): Map<string, number> {
  const setterOf = (name: string) => `set${name[0].toUpperCase()}${name.slice(1)}`;
  const known = names.filter(
    (name) => typeof (messageClass.prototype as unknown as Record<string, unknown>)[setterOf(name)] === "function",
  );
  return new Map(known.map((name) => [name, fieldNumberOf(messageClass, setterOf(name))]));
}

function splitRequest<M extends ProtoMessage, S extends string>(messageClass: MessageClass<M>, fields: Map<string, number>) {
  const nameOf = new Map([...fields].map(([name, field]) => [field, name as S]));
  return (buffer: Buffer): SplitRequest<M, S> => {
    const structs: Partial<Record<S, Uint8Array>> = {};
    const rest: Uint8Array[] = [];
    const reader = new WireReader(buffer, 0, buffer.length);
    while (!reader.done) {
      const start = reader.pos;
      const { field, wireType } = reader.tag();
      const name = nameOf.get(field);
      if (name === undefined || wireType !== WireType.Bytes) {
        reader.skip(wireType);
        rest.push(buffer.subarray(start, reader.pos));
        continue;
      }
      const span = reader.span();
      const bytes = buffer.subarray(span.start, span.end);
      const earlier = structs[name];
      structs[name] = earlier ? Buffer.concat([earlier, bytes]) : bytes;
    }
    return { message: messageClass.deserializeBinary(Buffer.concat(rest)), structs };
  };
}

function joinResponse<M extends ProtoMessage, S extends string>(fields: Map<string, number>) {
  return (response: SplitResponse<M, S>): Buffer => {
    const parts: Uint8Array[] = [response.message.serializeBinary()];
    for (const [name, field] of fields) {
      const value = response.structs[name as S];
      if (value !== undefined) parts.push(lengthDelimitedField(field, value instanceof Uint8Array ? value : encodeStruct(value)));
    }
    return Buffer.concat(parts);
  };
}

/** Every Struct of each request: one the plugin does not use (Check's old outputs) is still kept from google-protobuf. */
const REQUEST_STRUCTS = {
  check: [proto.CheckRequest, ["olds", "news", "oldOutputs"]],
  diff: [proto.DiffRequest, ["olds", "news", "oldInputs"]],
  create: [proto.CreateRequest, ["properties"]],
  read: [proto.ReadRequest, ["properties", "inputs"]],
  update: [proto.UpdateRequest, ["olds", "news", "oldInputs"]],
  delete: [proto.DeleteRequest, ["properties", "oldInputs"]],
} as const;

const RESPONSE_STRUCTS = {
  check: [proto.CheckResponse, ["inputs"]],
  create: [proto.CreateResponse, ["properties"]],
  read: [proto.ReadResponse, ["properties", "inputs"]],
  update: [proto.UpdateResponse, ["properties"]],
} as const;

/** The requests and responses of the resource methods, as the plugin's methods see them. */
export type CheckCall = SplitRequest<InstanceType<typeof proto.CheckRequest>, "olds" | "news" | "oldOutputs">;
export type DiffCall = SplitRequest<InstanceType<typeof proto.DiffRequest>, "olds" | "news" | "oldInputs">;
export type CreateCall = SplitRequest<InstanceType<typeof proto.CreateRequest>, "properties">;
export type ReadCall = SplitRequest<InstanceType<typeof proto.ReadRequest>, "properties" | "inputs">;
export type UpdateCall = SplitRequest<InstanceType<typeof proto.UpdateRequest>, "olds" | "news" | "oldInputs">;
export type DeleteCall = SplitRequest<InstanceType<typeof proto.DeleteRequest>, "properties" | "oldInputs">;
export type CheckAnswer = SplitResponse<InstanceType<typeof proto.CheckResponse>, "inputs">;
export type CreateAnswer = SplitResponse<InstanceType<typeof proto.CreateResponse>, "properties">;
export type ReadAnswer = SplitResponse<InstanceType<typeof proto.ReadResponse>, "properties" | "inputs">;
export type UpdateAnswer = SplitResponse<InstanceType<typeof proto.UpdateResponse>, "properties">;

/** Pulumi's ResourceProvider service definition, its resource methods taking and giving split messages. */
export function resourceProviderService(): grpcTypes.ServiceDefinition {
  const definition: Record<string, grpcTypes.MethodDefinition<unknown, unknown>> = { ...services.ResourceProviderService };
  for (const [method, [messageClass, names]] of Object.entries(REQUEST_STRUCTS)) {
    definition[method] = {
      ...definition[method],
      requestDeserialize: splitRequest(
        messageClass as MessageClass<ProtoMessage>,
        structFields(messageClass as MessageClass<ProtoMessage>, names),
      ),
    };
  }
  for (const [method, [messageClass, names]] of Object.entries(RESPONSE_STRUCTS)) {
    definition[method] = {
      ...definition[method],
      responseSerialize: joinResponse(structFields(messageClass as MessageClass<ProtoMessage>, names)) as (value: unknown) => Buffer,
    };
  }
  return definition as grpcTypes.ServiceDefinition;
}
