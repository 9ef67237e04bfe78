/**
 * JSON with sorted keys and without undefined members: equal values give equal text. State comes back from
 * the engine as protobuf Structs, whose key order differs from ours, so every comparison goes through this.
 */
export function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, member: unknown) => {
    if (member && typeof member === "object" && !Array.isArray(member)) {
      return Object.fromEntries(
        Object.entries(member)
          .filter(([, inner]) => inner !== undefined)
          .sort(([a], [b]) => a.localeCompare(b)),
      );
    }
    return member;
  });
}
