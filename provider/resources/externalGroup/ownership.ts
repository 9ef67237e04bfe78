/**
 * Which resources of a program manage which external groups, as the checks of one provider process see them
 * (the engine checks every resource of a program, in one provider process per provider), so that a group
 * managed twice is named at preview instead of being found in Graph later.
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

type Role = "members" | "group" | "member";

interface Claim {
  /** How the warning names the resource: `ExternalGroup 'readers'`. */
  label: string;
  role: Role;
}

const known = (value: unknown): value is string => typeof value === "string" && value !== "" && !value.includes(UNKNOWN);

/** The groups a checked resource claims, keyed `connectionId/groupId`, each with what of it the resource manages. */
function claimsOf(type: string, inputs: Record<string, unknown>): Array<{ group: string; role: Role }> {
  const { connectionId, groupId, groups } = inputs;
  if (!known(connectionId)) return [];
  if (type === "ExternalGroup" && known(groupId)) return [{ group: `${connectionId}/${groupId}`, role: inputs.members === undefined ? "group" : "members" }];
  if (type === "ExternalGroupMember" && known(groupId)) return [{ group: `${connectionId}/${groupId}`, role: "member" }];
  if (type === "ExternalGroupSet" && groups && typeof groups === "object" && !Array.isArray(groups)) {
    return Object.keys(groups).filter(known).map((id) => ({ group: `${connectionId}/${id}`, role: "members" as const }));
  }
  return [];
}

/** Why the claims on one group conflict, or undefined when they do not. */
function conflict(group: string, claims: Claim[]): string | undefined {
  const [connectionId, groupId] = group.split("/");
  const where = `group '${groupId}' of connection '${connectionId}'`;
  const managers = claims.filter((claim) => claim.role === "members");
  const owners = claims.filter((claim) => claim.role !== "member");
  const members = claims.filter((claim) => claim.role === "member");
  if (managers.length > 0 && members.length > 0) {
    return `${where} has its members managed by ${managers.map((claim) => claim.label).join(" and ")} and also by ${members.map((claim) => claim.label).join(", ")}: ` +
      "Graph cannot list members, so neither sees the other's, and a member declared by both is removed when either stops declaring it; " +
      "manage a group's members in one place (`members`, or ExternalGroupMember resources)";
  }
  if (owners.length > 1) {
    return `${where} is declared by ${owners.map((claim) => claim.label).join(" and ")}: each would create, update and delete it as its own; declare a group once`;
  }
  return undefined;
}

export class GroupOwnership {
  /** Group key → claimant identity → claim. */
  private readonly groups = new Map<string, Map<string, Claim>>();
  /** Claimant identity → the group keys it claims, so a resource checked again replaces its own claims. */
  private readonly claimed = new Map<string, string[]>();

  /**
   * Records what a checked resource claims (replacing what the same resource claimed before) and returns a
   * warning for each group it shares with another resource. `identity` tells resources apart (the URN where the
   * engine gives one), `label` names it in the warning.
   */
  note(type: string, inputs: Record<string, unknown>, identity: string, label: string): string[] {
    for (const group of this.claimed.get(identity) ?? []) this.groups.get(group)?.delete(identity);
    const claims = claimsOf(type, inputs);
    this.claimed.set(identity, claims.map(({ group }) => group));
    const warnings: string[] = [];
    for (const { group, role } of claims) {
      const onGroup = this.groups.get(group) ?? new Map<string, Claim>();
      this.groups.set(group, onGroup);
      onGroup.set(identity, { label, role });
      const reason = conflict(group, [...onGroup.values()]);
      if (reason) warnings.push(reason);
    }
    return warnings;
  }
}
