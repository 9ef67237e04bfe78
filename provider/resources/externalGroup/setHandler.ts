/**
 * ExternalGroupSet: many external groups of one connection as one Pulumi resource. Each group goes through the
 * ExternalGroup handler (same requests, same adoption, same member records), all of them at once within the
 * connection's budget; what the set adds is bookkeeping: which groups exist, so its state says so after any
 * failure.
 *
 * Why a set: on a file or blob backend Pulumi rewrites the whole state twice for every resource a step
 * changes, one save at a time, so a stack of hundreds of groups is paced by its saves rather than by Graph
 * (docs/performance.md). A set is two saves whatever the number of groups.
 */
import type { Problem } from "../../../model/problem";
import { GraphConnectorsError } from "../../errors";
import { GROUP_ID_PATTERN } from "../../../model/group";
import { ResourceHandler, ResourceInitError } from "../contract";
import type { Shape } from "../inputShape";
import { containsUnknown, plainOutputs, sameValue } from "../values";
import { checkConnectionId, checkMembers, MEMBERS_SHAPE } from "./check";
import { externalGroupHandler } from "./handler";
import { ExternalGroupOutputs, ExternalGroupSetInputs, ExternalGroupSetOutputs, ExternalGroupSpec } from "./types";

const SPEC_FIELDS = ["displayName", "description", "members"] as const;
/** Every input of a set and its JSON type: its groups keyed by groupId, each as a group's inputs but its ids. */
export const SET_INPUT_SHAPE: Record<string, Shape> = {
  connectionId: "string",
  adoptExisting: "boolean",
  groups: { map: { object: { displayName: "string", description: "string", members: MEMBERS_SHAPE } } },
};

/** At most this many groups are named in a failure message; the rest are counted. */
const NAMED_FAILURES = 5;

/** The ExternalGroup a set's group is, as inputs or as recorded outputs. */
function groupOf(set: ExternalGroupSetInputs & Partial<ExternalGroupSetOutputs>, groupId: string): ExternalGroupOutputs {
  const group: ExternalGroupOutputs = { connectionId: set.connectionId, groupId, ...set.groups[groupId] };
  if (set.adoptExisting !== undefined) group.adoptExisting = set.adoptExisting;
  const unconfirmed = set.unconfirmedMembers?.[groupId];
  if (unconfirmed && unconfirmed.length > 0) group.unconfirmedMembers = unconfirmed;
  return group;
}

/** The set's outputs from each existing group's outputs, in the program's order, then any left over. */
function setOutputs(inputs: ExternalGroupSetInputs, groups: Map<string, ExternalGroupOutputs>): ExternalGroupSetOutputs {
  const order = [...Object.keys(inputs.groups ?? {}), ...groups.keys()];
  const outs: ExternalGroupSetOutputs = { connectionId: inputs.connectionId, groups: {} };
  if (inputs.adoptExisting !== undefined) outs.adoptExisting = inputs.adoptExisting;
  for (const groupId of new Set(order)) {
    const group = groups.get(groupId);
    if (!group) continue;
    const spec: ExternalGroupSpec = {};
    for (const field of SPEC_FIELDS) if (group[field] !== undefined) (spec as Record<string, unknown>)[field] = group[field];
    outs.groups[groupId] = spec;
    if (group.unconfirmedMembers && group.unconfirmedMembers.length > 0)
      (outs.unconfirmedMembers ??= {})[groupId] = group.unconfirmedMembers;
  }
  return plainOutputs(outs);
}

/** What one group's step left in Graph: its outputs, or undefined when it does not exist. */
type GroupStep = () => Promise<ExternalGroupOutputs | undefined>;

/**
 * Runs every group's step at once and gathers what exists afterwards. A step that fails leaves `before`'s
 * record of its group, or, when it failed halfway (ResourceInitError), the record of what it did apply.
 */
async function runGroups(
  steps: Map<string, { run: GroupStep; before?: ExternalGroupOutputs }>,
): Promise<{ groups: Map<string, ExternalGroupOutputs>; failures: Array<[string, Error]> }> {
  const groups = new Map<string, ExternalGroupOutputs>();
  const failures: Array<[string, Error]> = [];
  await Promise.all(
    [...steps].map(async ([groupId, step]) => {
      try {
        const after = await step.run();
        if (after) groups.set(groupId, after);
      } catch (error) {
        failures.push([groupId, error as Error]);
        const recorded = error instanceof ResourceInitError ? (error.properties as ExternalGroupOutputs) : step.before;
        if (recorded) groups.set(groupId, recorded);
      }
    }),
  );
  return { groups, failures };
}

/** One error for the groups that failed, naming the first few. */
function groupsFailed(action: string, failures: Array<[string, Error]>, total: number): GraphConnectorsError {
  const named = failures.slice(0, NAMED_FAILURES).map(([groupId, error]) => `'${groupId}': ${error.message}`);
  const more = failures.length > NAMED_FAILURES ? `; and ${failures.length - NAMED_FAILURES} more` : "";
  return new GraphConnectorsError(`${failures.length} of ${total} groups could not be ${action}: ${named.join("; ")}${more}`);
}

/** Fails the step when any group failed: with the record of what exists, so the next `pulumi up` finishes it. */
function settled(
  id: string,
  inputs: ExternalGroupSetInputs,
  run: { groups: Map<string, ExternalGroupOutputs>; failures: Array<[string, Error]> },
  action: string,
  total: number,
): ExternalGroupSetOutputs {
  const outs = setOutputs(inputs, run.groups);
  if (run.failures.length > 0) throw new ResourceInitError(id, outs, groupsFailed(action, run.failures, total));
  return outs;
}

function memberCount(groups: Iterable<ExternalGroupSpec>): number {
  let count = 0;
  for (const group of groups) count += group.members?.length ?? 0;
  return count;
}

/**
 * Whether a group in both the record and the program needs requests, as an ExternalGroup would see it:
 * members as a set, unconfirmed ones always to settle. adoptExisting matters only to groups being created.
 */
function groupChanges(before: ExternalGroupOutputs, desired: ExternalGroupOutputs): boolean {
  return externalGroupHandler.diff(desired.groupId, before, { ...desired, adoptExisting: before.adoptExisting }).changes === true;
}

const groupResourceId = (connectionId: string, groupId: string) => `${connectionId}/${groupId}`;

export const externalGroupSetHandler: ResourceHandler<ExternalGroupSetInputs, ExternalGroupSetOutputs> = {
  check(_olds, inputs) {
    const problems: Problem[] = [];
    checkConnectionId(inputs.connectionId, problems);
    const groups = inputs.groups as Record<string, ExternalGroupSpec> | undefined;
    if (groups === undefined) problems.push({ path: "groups", reason: "is required: the groups of the set, keyed by groupId" });
    else if (!containsUnknown(groups)) {
      for (const [groupId, spec] of Object.entries(groups)) {
        if (!GROUP_ID_PATTERN.test(groupId))
          problems.push({ path: `groups.${groupId}`, reason: "is not a groupId: a groupId must be 1-128 letters and digits" });
        checkMembers(spec?.members, problems, `groups.${groupId}.members`);
      }
    }
    return problems.length > 0 ? { problems } : { inputs: inputs as unknown as ExternalGroupSetInputs };
  },

  diff(_id, olds, news) {
    const replaces = containsUnknown(news.connectionId) || olds.connectionId !== news.connectionId ? ["connectionId"] : [];
    const changes =
      replaces.length > 0 ||
      !sameValue(olds.adoptExisting, news.adoptExisting) ||
      containsUnknown(news.groups) ||
      Object.keys(olds.groups ?? {}).some((groupId) => news.groups[groupId] === undefined) ||
      Object.keys(news.groups).some(
        (groupId) => olds.groups?.[groupId] === undefined || groupChanges(groupOf(olds, groupId), groupOf(news, groupId)),
      );
    return { changes, replaces, deleteBeforeReplace: replaces.length > 0 && olds.connectionId === news.connectionId };
  },

  async create(ctx, inputs) {
    const id = inputs.connectionId;
    const groupIds = Object.keys(inputs.groups);
    ctx.progress(`connection '${id}': creating ${groupIds.length} groups with ${memberCount(Object.values(inputs.groups))} members`);
    const run = await runGroups(
      new Map(
        groupIds.map((groupId) => [
          groupId,
          {
            run: async () => (await externalGroupHandler.create(ctx, groupOf(inputs, groupId))).outs,
          },
        ]),
      ),
    );
    // Nothing exists: nothing to record, and the next `pulumi up` creates the set again.
    if (run.groups.size === 0 && run.failures.length > 0) throw groupsFailed("created", run.failures, groupIds.length);
    return { id, outs: settled(id, inputs, run, "created", groupIds.length) };
  },

  async read(ctx, id, props) {
    const run = await runGroups(
      new Map(
        Object.keys(props.groups ?? {}).map((groupId) => [
          groupId,
          {
            run: async () =>
              (await externalGroupHandler.read(ctx, groupResourceId(props.connectionId, groupId), groupOf(props, groupId))).props,
          },
        ]),
      ),
    );
    if (run.failures.length > 0) throw groupsFailed("read", run.failures, Object.keys(props.groups ?? {}).length);
    // Groups deleted outside Pulumi drop out of the record, so the next `pulumi up` creates them again.
    return { id, props: setOutputs(props, run.groups) };
  },

  async update(ctx, id, olds, news) {
    const steps = new Map<string, { run: GroupStep; before?: ExternalGroupOutputs }>();
    const counts = { create: 0, update: 0, delete: 0 };
    for (const groupId of Object.keys(olds.groups ?? {})) {
      if (news.groups[groupId] !== undefined) continue;
      counts.delete += 1;
      const before = groupOf(olds, groupId);
      steps.set(groupId, {
        before,
        run: async () => {
          await externalGroupHandler.delete(ctx, groupResourceId(olds.connectionId, groupId), before);
          return undefined;
        },
      });
    }
    for (const groupId of Object.keys(news.groups)) {
      const desired = groupOf(news, groupId);
      if (olds.groups?.[groupId] === undefined) {
        counts.create += 1;
        steps.set(groupId, { run: async () => (await externalGroupHandler.create(ctx, desired)).outs });
        continue;
      }
      const before = groupOf(olds, groupId);
      if (!groupChanges(before, desired)) {
        // The same text and member set: recorded as declared, members in the program's order.
        steps.set(groupId, { before, run: async () => desired });
        continue;
      }
      counts.update += 1;
      steps.set(groupId, {
        before,
        run: async () => (await externalGroupHandler.update(ctx, groupResourceId(news.connectionId, groupId), before, desired)).outs,
      });
    }
    ctx.progress(`connection '${id}': ${counts.create} groups to create, ${counts.update} to update, ${counts.delete} to delete`);
    return { outs: settled(id, news, await runGroups(steps), "updated", counts.create + counts.update + counts.delete) };
  },

  async delete(ctx, id, props) {
    const groupIds = Object.keys(props.groups ?? {});
    const run = await runGroups(
      new Map(
        groupIds.map((groupId) => [
          groupId,
          {
            run: async () => {
              await externalGroupHandler.delete(ctx, groupResourceId(props.connectionId, groupId), groupOf(props, groupId));
              return undefined;
            },
          },
        ]),
      ),
    );
    // The state keeps the whole set; deleting it again skips the groups already gone (404).
    if (run.failures.length > 0) throw groupsFailed("deleted", run.failures, groupIds.length);
  },
};
