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

/**
 * A value with every secret wrapper replaced by the value it wraps. What holds no wrapper is returned as it
 * is, not copied: a set's outputs are 20,000 member objects.
 */
export function unwrapSecrets(value: unknown): unknown {
  if (value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    value.forEach((item, index) => {
      const unwrapped = unwrapSecrets(item);
      if (unwrapped !== item) (copy ??= [...value])[index] = unwrapped;
    });
    return copy ?? value;
  }
  const record = value as Props;
  if (record[SIGNATURE_KEY] === SECRET_SIGNATURE) return unwrapSecrets(record.value);
  let copy: Props | undefined;
  for (const [key, inner] of Object.entries(record)) {
    const unwrapped = unwrapSecrets(inner);
    // defineProperty: a key such as "__proto__" stays a property.
    if (unwrapped !== inner)
      Object.defineProperty((copy ??= { ...record }), key, { value: unwrapped, enumerable: true, writable: true, configurable: true });
  }
  return copy ?? record;
}

/** A request's Struct as plain JSON; an absent Struct is an empty object. */
export function fromStruct(value: Struct | undefined): Props {
  return value ? (unwrapSecrets(value.toJavaScript()) as Props) : {};
}

/** Plain JSON as a Struct; `undefined` members (which a Struct cannot hold) are dropped. */
export function toStruct(value: object | undefined): Struct {
  return struct.Struct.fromJavaScript(JSON.parse(JSON.stringify(value ?? {})));
}
