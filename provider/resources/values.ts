/** Value helpers for provider inputs and outputs. */
import { stableJson } from "../../model/json";

/** What the engine sends in `check`/`diff` for an input that is not known yet during preview. */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

export function containsUnknown(value: unknown): boolean {
  if (value === UNKNOWN) return true;
  if (Array.isArray(value)) return value.some(containsUnknown);
  if (value && typeof value === "object") return Object.values(value).some(containsUnknown);
  return false;
}

/** A JSON object (not an array, not null). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

export function sameValue(a: unknown, b: unknown): boolean {
  return stableJson(a ?? null) === stableJson(b ?? null);
}

/**
 * Outputs must survive `Struct.fromJavaScript`, which throws on undefined, BigInt and class instances:
 * round-trip through JSON, which drops undefined members and keeps only plain data.
 */
export function plainOutputs<T extends object>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** The key under which a dynamic resource's inputs and outputs hold its serialized provider. */
export const PROVIDER_KEY = "__provider";

/** Input objects without the engine's reserved key. */
export function withoutProviderKey<T extends object>(value: T): T {
  const copy = { ...value } as Record<string, unknown>;
  delete copy[PROVIDER_KEY];
  return copy as T;
}
