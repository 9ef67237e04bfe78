/**
 * The groups the program's resources manage, as one provider process's checks saw them (resources/externalGroup/
 * ownership.ts says which groups a resource claims and when two claims conflict). Owned by the process
 * (providerProcess.ts): the engine checks every resource of a program in one provider process per provider.
 */
import { Claim, conflict, GroupClaim } from "../resources/externalGroup/ownership";
import { RESOURCES, resourceEntry } from "./registry";

export class GroupOwnership {
  /** Group key → claimant identity → claim. */
  private readonly groups = new Map<string, Map<string, Claim>>();
  /** Claimant identity → the group keys it claims, so a resource checked again replaces its own claims. */
  private readonly claimed = new Map<string, string[]>();

  /**
   * Records what a checked resource of `type` claims (replacing what the same resource claimed before) and
   * returns a warning for each group it shares with another resource. `identity` tells resources apart (the URN
   * where the engine gives one), `label` names it in the warning.
   */
  note(type: string, inputs: Record<string, unknown>, identity: string, label: string): string[] {
    for (const group of this.claimed.get(identity) ?? []) this.groups.get(group)?.delete(identity);
    const claims = claimsOf(type, inputs);
    this.claimed.set(
      identity,
      claims.map(({ group }) => group),
    );
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

function claimsOf(type: string, inputs: Record<string, unknown>): GroupClaim[] {
  const entry: { groupClaims?: (inputs: Record<string, unknown>) => GroupClaim[] } = resourceEntry(type as keyof typeof RESOURCES);
  return entry.groupClaims?.(inputs) ?? [];
}
