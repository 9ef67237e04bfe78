/**
 * The benchmark's tenant setups, as Pulumi programs and as plain data for the one-request-per-object client:
 * a connection with a 3-property schema, and groups with members (as `members` sets or as one
 * ExternalGroupMember resource each), the groups each an ExternalGroup or all in one ExternalGroupSet. `revision` 1 swaps 5 % of the members for new ones (the update step).
 */
import * as dynamicResources from "../../sdk/dynamic";
import type { SchemaInput } from "../../provider/resources/externalConnection/types";

export const CONNECTION_ID = "benchmark";

export const SCHEMA: SchemaInput = {
  properties: [
    { name: "title", type: "string", isSearchable: true, isRetrievable: true, labels: ["title"] },
    { name: "url", type: "string", isRetrievable: true, labels: ["url"] },
    { name: "category", type: "string", isQueryable: true, isRetrievable: true, isRefinable: true },
  ],
};

export interface Tenant {
  name: string;
  groups: number;
  members: number;
  /** Members as ExternalGroupMember resources of one group instead of `members` sets. */
  asResources: boolean;
}

export function memberId(index: number): string {
  return `b0000000-0000-4000-8000-${String(index).padStart(12, "0")}`;
}

/** Group id → member ids, at a revision: revision 1 replaces every 20th member with a new id (5 %). */
export function membership(tenant: Tenant, revision: number): Map<string, string[]> {
  const perGroup = Math.ceil(tenant.members / tenant.groups);
  const groups = new Map<string, string[]>();
  for (let g = 0; g < tenant.groups; g++) {
    const ids: string[] = [];
    for (let m = g * perGroup; m < Math.min(tenant.members, (g + 1) * perGroup); m++) {
      ids.push(memberId(revision > 0 && m % 20 === 0 ? tenant.members + m : m));
    }
    groups.set(`group${g}`, ids);
  }
  return groups;
}

/**
 * The resource classes a program declares with: this package's dynamic resources, or the native provider's
 * generated SDK (same names and inputs).
 */
export interface ResourceClasses {
  ExternalConnection: typeof dynamicResources.ExternalConnection;
  ExternalGroup: typeof dynamicResources.ExternalGroup;
  ExternalGroupMember: typeof dynamicResources.ExternalGroupMember;
  ExternalGroupSet: typeof dynamicResources.ExternalGroupSet;
}

/** `inOneSet`: the groups (with `members` sets) as one ExternalGroupSet instead of an ExternalGroup each. */
export function program(tenant: Tenant, revision: number, classes: ResourceClasses = dynamicResources, inOneSet = false): () => void {
  const { ExternalConnection, ExternalGroup, ExternalGroupMember, ExternalGroupSet } = classes;
  return () => {
    const connection = new ExternalConnection("bench", {
      connectionId: CONNECTION_ID,
      name: "Benchmark",
      description: "Benchmark connection",
      schema: SCHEMA,
    });
    if (inOneSet) {
      const groups = Object.fromEntries(
        [...membership(tenant, revision)].map(([groupId, ids]) => [
          groupId,
          { displayName: groupId, members: ids.map((id) => ({ id, type: "user" as const })) },
        ]),
      );
      new ExternalGroupSet("groups", { connectionId: connection.connectionId, groups });
      return;
    }
    for (const [groupId, ids] of membership(tenant, revision)) {
      if (!tenant.asResources) {
        new ExternalGroup(groupId, {
          connectionId: connection.connectionId,
          groupId,
          displayName: groupId,
          members: ids.map((id) => ({ id, type: "user" as const })),
        });
        continue;
      }
      const group = new ExternalGroup(groupId, { connectionId: connection.connectionId, groupId, displayName: groupId });
      for (const id of ids)
        new ExternalGroupMember(`member-${id}`, {
          connectionId: connection.connectionId,
          groupId: group.groupId,
          memberId: id,
          memberType: "user",
        });
    }
  };
}

/** Pulumi resources the program declares (with an ExternalGroup per group). */
export function resourceCount(tenant: Tenant): number {
  return 1 + tenant.groups + (tenant.asResources ? tenant.members : 0);
}
