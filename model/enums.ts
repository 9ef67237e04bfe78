/**
 * Evolvable enums (Microsoft Graph design guideline, microsoft/api-guidelines graph/patterns/evolvable-enums.md):
 * members listed after the sentinel `unknownFutureValue` are returned only to a request carrying
 * `Prefer: include-unknown-enum-members`; without it Graph answers `unknownFutureValue` in their place, and a
 * write that uses them is refused. Enum lists in this folder keep the metadata's member order, sentinel included,
 * so the boundary is where the metadata puts it (tests/conformance holds them against it).
 */
export const UNKNOWN_FUTURE_VALUE = "unknownFutureValue";

/** The `Prefer` preference that opts into evolvable members (and that Graph confirms with `Preference-Applied`). */
export const INCLUDE_UNKNOWN_ENUM_MEMBERS = "include-unknown-enum-members";

/** Whether a `Prefer` header value asks for evolvable enum members. */
export function prefersUnknownEnumMembers(prefer: string | undefined): boolean {
  return (prefer ?? "").split(",").some((preference) => preference.trim().toLowerCase() === INCLUDE_UNKNOWN_ENUM_MEMBERS);
}

/** Members a client may send: every member but the sentinel. */
export function settableMembers(members: readonly string[]): string[] {
  return members.filter((member) => member !== UNKNOWN_FUTURE_VALUE);
}

/** Members after the sentinel: hidden or refused without the preference. Empty for enums with no sentinel. */
export function evolvableMembers(members: readonly string[]): string[] {
  const sentinel = members.indexOf(UNKNOWN_FUTURE_VALUE);
  return sentinel < 0 ? [] : members.slice(sentinel + 1);
}
