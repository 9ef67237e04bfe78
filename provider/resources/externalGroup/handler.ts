import type { dynamic } from "@pulumi/pulumi";
import { ProviderContext } from "../../runtime";
import { ResourceHandler, ResourceInitError, failure } from "../contract";
import { createOrAdopt, unlessNotFound } from "../operations";
import { containsUnknown, plainOutputs, sameValue, withoutProviderKey } from "../values";
import { checkGroupIds, checkMembers } from "./check";
import { inputShapeFailures } from "../inputShape";
import { applyMemberChanges, memberChanges } from "./memberSync";
import { ExternalGroupInputs, ExternalGroupOutputs, groupPath, groupsPath } from "./types";

const TEXT_FIELDS = ["displayName", "description"] as const;

function splitId(id: string): { connectionId: string; groupId: string } {
  const [connectionId, groupId] = id.split("/");
  return { connectionId, groupId };
}

export async function getGroup(ctx: ProviderContext, inputs: { connectionId: string; groupId: string }): Promise<Record<string, unknown> | undefined> {
  const response = await unlessNotFound(() => ctx.graph.request("GET", "v1.0", groupPath(inputs.connectionId, inputs.groupId)));
  return response?.body as Record<string, unknown> | undefined;
}

function textPatch(desired: ExternalGroupInputs, actual: Record<string, unknown>): Record<string, unknown> {
  const patch: Record<string, unknown> = {};
  for (const field of TEXT_FIELDS) {
    if (desired[field] !== undefined && !sameValue(desired[field], actual[field])) patch[field] = desired[field];
  }
  return patch;
}

export const externalGroupHandler: ResourceHandler<ExternalGroupInputs, ExternalGroupOutputs> = {
  check(_olds, news): dynamic.CheckResult<ExternalGroupInputs> {
    const inputs = withoutProviderKey(news);
    const shape = inputShapeFailures(inputs, {
      connectionId: "string", groupId: "string", displayName: "string", description: "string", adoptExisting: "boolean",
      members: { list: { object: { id: "string", type: "string" } } },
    });
    if (shape.length > 0) return { failures: shape };
    const failures: dynamic.CheckFailure[] = [];
    checkGroupIds(inputs, failures);
    for (const field of TEXT_FIELDS) {
      const value = inputs[field];
      if (value !== undefined && !containsUnknown(value) && typeof value !== "string") failures.push(failure(field, `${field} must be a string`));
    }
    checkMembers(inputs.members, failures);
    return failures.length > 0 ? { failures } : { inputs: inputs as unknown as ExternalGroupInputs };
  },

  diff(_id, olds, news) {
    const replaces = (["connectionId", "groupId"] as const).filter((field) => containsUnknown(news[field]) || olds[field] !== news[field]);
    const changed = [...TEXT_FIELDS, "adoptExisting"].some((field) =>
      !sameValue((olds as unknown as Record<string, unknown>)[field], (news as unknown as Record<string, unknown>)[field]))
      || containsUnknown(news.members)
      // Members are a set: a reordered list is no change.
      || (olds.members === undefined) !== (news.members === undefined)
      || Object.values(memberChanges(olds.members ?? [], news.members ?? [])).some((list) => list.length > 0);
    const sameId = olds.connectionId === news.connectionId && olds.groupId === news.groupId;
    return { changes: replaces.length > 0 || changed, replaces, deleteBeforeReplace: replaces.length > 0 && sameId };
  },

  async create(ctx, inputs) {
    const id = `${inputs.connectionId}/${inputs.groupId}`;
    const body: Record<string, unknown> = { id: inputs.groupId };
    for (const field of TEXT_FIELDS) if (inputs[field] !== undefined) body[field] = inputs[field];
    const outcome = await createOrAdopt(ctx, `external group '${inputs.groupId}' of connection '${inputs.connectionId}'`, {
      create: (observer) => ctx.graph.request("POST", "v1.0", groupsPath(inputs.connectionId), body, { observer }),
      exists: async () => (await getGroup(ctx, inputs)) !== undefined,
      adoptExisting: inputs.adoptExisting === true,
      conflictHint: "Set adoptExisting: true to manage the existing group, or choose another groupId.",
    });
    try {
      if (outcome.adopted) {
        const actual = await getGroup(ctx, inputs);
        const patch = actual ? textPatch(inputs, actual) : {};
        if (Object.keys(patch).length > 0) await ctx.graph.request("PATCH", "v1.0", groupPath(inputs.connectionId, inputs.groupId), patch);
      }
      // An adopted group's members cannot be listed; adding all is safe because a 409 means "already there".
      await applyMemberChanges(ctx, inputs.connectionId, inputs.groupId, memberChanges([], inputs.members ?? []));
    } catch (error) {
      throw new ResourceInitError(id, plainOutputs({ ...inputs, members: [] }), error as Error);
    }
    return { id, outs: plainOutputs(inputs) };
  },

  async read(ctx, id, props) {
    const actual = await getGroup(ctx, splitId(id));
    if (!actual) return { id: undefined };
    const outs: ExternalGroupOutputs = { ...props, ...splitId(id) };
    for (const field of TEXT_FIELDS) {
      if (props[field] !== undefined) outs[field] = (actual[field] ?? undefined) as string | undefined;
    }
    return { id, props: plainOutputs(outs) };
  },

  async update(ctx, id, olds, news) {
    const actual = await getGroup(ctx, news);
    if (!actual) throw new Error(`external group '${id}' no longer exists; run \`pulumi refresh\` to recreate it`);
    const patch = textPatch(news, actual);
    if (Object.keys(patch).length > 0) await ctx.graph.request("PATCH", "v1.0", groupPath(news.connectionId, news.groupId), patch);
    await applyMemberChanges(ctx, news.connectionId, news.groupId, memberChanges(olds.members ?? [], news.members ?? []));
    return { outs: plainOutputs(news) };
  },

  async delete(ctx, id) {
    const { connectionId, groupId } = splitId(id);
    await unlessNotFound(() => ctx.graph.request("DELETE", "v1.0", groupPath(connectionId, groupId)));
  },
};
