/**
 * Property values between Pulumi's wire form (a protobuf Struct) and the plain JSON the handlers take.
 * The provider answers Configure with `acceptSecrets: false`, so the engine strips secrets from every
 * resource call and marks outputs secret again itself; only Configure's arguments carry secret wrappers.
 */
import type { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { struct } from "./pulumiRuntime";

/** Pulumi's signature key of a wrapped special value, and the value it has for a secret (sdk/go/common/resource/sig). */
const SIGNATURE_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIGNATURE = "1b47061264138c4ac30d75fd1eb44270";

export type Props = Record<string, unknown>;

/** A value with every secret wrapper replaced by the value it wraps. */
export function unwrapSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(unwrapSecrets);
  if (value === null || typeof value !== "object") return value;
  const record = value as Props;
  if (record[SIGNATURE_KEY] === SECRET_SIGNATURE) return unwrapSecrets(record.value);
  return Object.fromEntries(Object.entries(record).map(([key, inner]) => [key, unwrapSecrets(inner)]));
}

/** A request's Struct as plain JSON; an absent Struct is an empty object. */
export function fromStruct(value: Struct | undefined): Props {
  return value ? (unwrapSecrets(value.toJavaScript()) as Props) : {};
}

/** Plain JSON as a Struct; `undefined` members (which a Struct cannot hold) are dropped. */
export function toStruct(value: object | undefined): Struct {
  return struct.Struct.fromJavaScript(JSON.parse(JSON.stringify(value ?? {})));
}

/** The resource type's name from a type token such as `graph-connectors:index:ExternalConnection`. */
export function typeName(token: string): string {
  return token.slice(token.lastIndexOf(":") + 1);
}
