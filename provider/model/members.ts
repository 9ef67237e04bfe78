/**
 * Group member rules, shared by the provider's `check` and the emulator. Members are v1.0 `identity`
 * objects ({id, type: user|group|externalGroup}) or beta `externalGroupMember`s ({id, type: user|group,
 * identitySource}); beta samples still post `externalGroup`, so both forms are accepted.
 */
import { GROUP_ID_PATTERN, GUID_PATTERN, MEMBER_TYPES } from "./rules";

/** Why a member is refused, and which field is wrong: Entra members need an object id (GUID), external groups an alphanumeric id. */
export function memberProblem(id: unknown, type: unknown, identitySource?: unknown): { field: "id" | "type"; reason: string } | undefined {
  const external = type === "externalGroup" || identitySource === "external";
  if (external && type !== "externalGroup" && type !== "group") return { field: "type", reason: "an external member must be a group" };
  if (!MEMBER_TYPES.includes(type as never)) return { field: "type", reason: `type must be one of ${MEMBER_TYPES.join(", ")}` };
  if (typeof id !== "string" || id === "") return { field: "id", reason: "id is required" };
  if (external) return GROUP_ID_PATTERN.test(id) ? undefined : { field: "id", reason: "an external group id must be 1-128 letters and digits" };
  return GUID_PATTERN.test(id) ? undefined : { field: "id", reason: `'${id}' is not an Entra object id (a GUID)` };
}
