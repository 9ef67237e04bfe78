/**
 * Which external groups a checked resource manages, and when two resources managing one group conflict. The
 * engine keeps what the checks of one provider process saw (engine/groupOwnership.ts): it checks every resource
 * of a program in one provider process per provider, so a group managed twice is named at preview instead of
 * being found in Graph later.
 *
 * Graph cannot list a group's members, so each resource knows only the members it wrote: a group whose
 * `members` an ExternalGroup (or an ExternalGroupSet) manages and that ExternalGroupMember resources add to
 * has two writers that cannot see each other. A member both declare is removed from Graph when either stops
 * declaring it, while the other still records it. Two resources holding the same group object (a set's group
 * and an ExternalGroup) delete it under each other.
 *
 * Only known ids are compared: in the first preview of a new stack, ids taken from another resource's outputs
 * are unknown, and the warning comes in `pulumi up` once they are known (and in every later preview).
 */
import { UNKNOWN } from "../values";

export type Role = "members" | "group" | "member";

/** One group a checked resource manages, keyed `connectionId/groupId`, with what of it the resource manages. */
export interface GroupClaim {
  group: string;
  role: Role;
}

/** How a claim is told apart in a warning: `ExternalGroup 'readers'`. */
export interface Claim {
  label: string;
  role: Role;
}

const known = (value: unknown): value is string => typeof value === "string" && value !== "" && !value.includes(UNKNOWN);

/** What a group resource claims: the group object, and its member set when it declares `members`. */
export function groupClaims(inputs: Record<string, unknown>): GroupClaim[] {
  const { connectionId, groupId } = inputs;
  return known(connectionId) && known(groupId)
    ? [{ group: `${connectionId}/${groupId}`, role: inputs.members === undefined ? "group" : "members" }]
    : [];
}

/** What a member resource claims: one membership of its group. */
export function memberClaims(inputs: Record<string, unknown>): GroupClaim[] {
  const { connectionId, groupId } = inputs;
  return known(connectionId) && known(groupId) ? [{ group: `${connectionId}/${groupId}`, role: "member" }] : [];
}

/** What a set claims: each of its groups, with its member set. */
export function setClaims(inputs: Record<string, unknown>): GroupClaim[] {
  const { connectionId, groups } = inputs;
  if (!known(connectionId) || !groups || typeof groups !== "object" || Array.isArray(groups)) return [];
  return Object.keys(groups)
    .filter(known)
    .map((id) => ({ group: `${connectionId}/${id}`, role: "members" as const }));
}

/** Why the claims on one group conflict, or undefined when they do not. */
export function conflict(group: string, claims: Claim[]): string | undefined {
  const [connectionId, groupId] = group.split("/");
  const where = `group '${groupId}' of connection '${connectionId}'`;
  const managers = claims.filter((claim) => claim.role === "members");
  const owners = claims.filter((claim) => claim.role !== "member");
  const members = claims.filter((claim) => claim.role === "member");
  if (managers.length > 0 && members.length > 0) {
    return (
      `${where} has its members managed by ${managers.map((claim) => claim.label).join(" and ")} and also by ${members.map((claim) => claim.label).join(", ")}: ` +
      "Graph cannot list members, so neither sees the other's, and a member declared by both is removed when either stops declaring it; " +
      "manage a group's members in one place (`members`, or ExternalGroupMember resources)"
    );
  }
  if (owners.length > 1) {
    return `${where} is declared by ${owners.map((claim) => claim.label).join(" and ")}: each would create, update and delete it as its own; declare a group once`;
  }
  return undefined;
}
