/**
 * externalGroup and its members. Members are v1.0 `identity` entities: `{ id, type }` with type user, group
 * (Entra object ids) or externalGroup (another external group of the same connection). The current beta
 * metadata has the same `identity` type (no `externalGroupMember`/`identitySource`), so one body serves both.
 * Sources: metadata types `externalConnectors.externalGroup`, `.identity`, enum `identityType`; docs
 * api/externalconnectors-externalconnection-post-groups.md, -externalgroup-post-members.md (graph-api.md section 3).
 */
import { settableMembers } from "./enums";
import { ENUMS } from "./enumRegistry";
import { connectionPath, GUID_PATTERN } from "./connection";

/** External group ids: alphanumeric, at most 128 characters, unique within the connection. */
export const GROUP_ID_PATTERN = /^[A-Za-z0-9]{1,128}$/;

export const MEMBER_TYPES = settableMembers(ENUMS["microsoft.graph.externalConnectors.identityType"].members) as Array<
  "user" | "group" | "externalGroup"
>;
export type MemberType = "user" | "group" | "externalGroup";

/**
 * Why a member is refused, and which of its fields is wrong (the reason reads after the field's name): Entra
 * members need an object id (GUID), external groups an alphanumeric id.
 */
export function memberProblem(id: unknown, type: unknown): { field: "id" | "type"; reason: string } | undefined {
  if (!MEMBER_TYPES.includes(type as MemberType)) return { field: "type", reason: `must be one of ${MEMBER_TYPES.join(", ")}` };
  if (typeof id !== "string" || id === "") return { field: "id", reason: "is required" };
  if (type === "externalGroup")
    return GROUP_ID_PATTERN.test(id) ? undefined : { field: "id", reason: "must be 1-128 letters and digits (an external group id)" };
  return GUID_PATTERN.test(id) ? undefined : { field: "id", reason: `'${id}' is not an Entra object id (a GUID)` };
}

/** The identity of a membership: Graph keys members by id (case-insensitively for GUIDs), the type tells which directory. */
export function memberKey(member: { id: string; type: string }): string {
  return `${member.type}:${member.id.toLowerCase()}`;
}

export function groupsPath(connectionId: string): string {
  return `${connectionPath(connectionId)}/groups`;
}

export function groupPath(connectionId: string, groupId: string): string {
  return `${groupsPath(connectionId)}/${encodeURIComponent(groupId)}`;
}

export function memberPath(connectionId: string, groupId: string, memberId?: string): string {
  return `${groupPath(connectionId, groupId)}/members${memberId === undefined ? "" : `/${encodeURIComponent(memberId)}`}`;
}

/**
 * Requests on external groups and their members: what Graph's group administration threshold counts
 * (GROUP_ADMIN_REQUESTS_PER_SECOND, model/limits.ts). `path` is relative to a version root, or a URL path
 * with the version.
 */
export function isGroupAdministration(path: string): boolean {
  return /^(\/(v1\.0|beta))?\/external\/connections\/[^/]+\/groups(\/|$|\?)/.test(path);
}
