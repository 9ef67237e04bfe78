import type { Problem } from "../../../model/problem";
import { ProviderContext } from "../../context";
import { NotImportableError, recordingPartialState, ResourceHandler } from "../contract";
import { createOrAdopt, fieldDifferences, unlessNotFound } from "../operations";
import { memberKey } from "../../../model/group";
import type { Shape } from "../inputShape";
import { containsUnknown, plainOutputs, sameValue } from "../values";
import { checkGroupIds, checkMembers, MEMBERS_SHAPE } from "./check";
import { MemberState, MemberSyncError, membersDiffer, syncMembers } from "./memberSync";
import { ExternalGroupInputs, ExternalGroupOutputs, groupPath, groupsPath, MemberInput } from "./types";
import { GraphConnectorsError } from "../../errors";

const TEXT_FIELDS = ["displayName", "description"] as const;

/** Every input of a group and its JSON type. */
export const GROUP_INPUT_SHAPE: Record<string, Shape> = {
  connectionId: "string",
  groupId: "string",
  displayName: "string",
  description: "string",
  adoptExisting: "boolean",
  members: MEMBERS_SHAPE,
};
/** Groups' single requests travel in `$batch` with other resources' requests made at the same time. */
export const COALESCE = { coalesce: true } as const;

function splitId(id: string): { connectionId: string; groupId: string } {
  const [connectionId, groupId] = id.split("/");
  return { connectionId, groupId };
}

export async function getGroup(
  ctx: ProviderContext,
  inputs: { connectionId: string; groupId: string },
): Promise<Record<string, unknown> | undefined> {
  const response = await unlessNotFound(() =>
    ctx.graph.request("GET", "v1.0", groupPath(inputs.connectionId, inputs.groupId), undefined, COALESCE),
  );
  return response?.body as Record<string, unknown> | undefined;
}

/** The text fields the program manages, as Graph reports them. */
function textFields(inputs: ExternalGroupInputs, actual: Record<string, unknown>): Partial<ExternalGroupInputs> {
  return Object.fromEntries(
    TEXT_FIELDS.filter((field) => inputs[field] !== undefined).map((field) => [field, (actual[field] ?? undefined) as string | undefined]),
  );
}

function textPatch(desired: ExternalGroupInputs, actual: Record<string, unknown>): Record<string, unknown> {
  const patch: Record<string, unknown> = {};
  for (const field of TEXT_FIELDS) {
    if (desired[field] !== undefined && !sameValue(desired[field], actual[field])) patch[field] = desired[field];
  }
  return patch;
}

/** What the state records of the members: present ones, and those a lost answer left unconfirmed. */
function recordedMembers(outputs: Partial<ExternalGroupOutputs>): MemberState {
  return { present: outputs.members ?? [], unconfirmed: outputs.unconfirmedMembers ?? [] };
}

/**
 * Outputs that tell what Graph holds: `inputs` for every field that reached Graph, the member set as
 * confirmed (in the program's order, then any left over) and the unconfirmed members, if any.
 */
function outputsWith(inputs: ExternalGroupInputs, members: MemberState, fields: Partial<ExternalGroupInputs> = {}): ExternalGroupOutputs {
  const order = new Map((inputs.members ?? []).map((member, index) => [memberKey(member), index]));
  const rank = (member: MemberInput) => order.get(memberKey(member)) ?? Number.MAX_SAFE_INTEGER;
  const present = [...members.present].sort((a, b) => rank(a) - rank(b));
  const outs: ExternalGroupOutputs = { ...inputs, ...fields };
  if (inputs.members !== undefined || present.length > 0) outs.members = present;
  else delete outs.members;
  if (members.unconfirmed.length > 0) outs.unconfirmedMembers = members.unconfirmed;
  return plainOutputs(outs);
}

/**
 * Runs the steps after a group's first request with the member state they build up; a failure is recorded
 * with the members as applied so far (and the text fields `textKnown` says Graph has).
 */
async function syncingGroup(
  id: string,
  inputs: ExternalGroupInputs,
  start: MemberState,
  textKnown: () => Partial<ExternalGroupInputs>,
  steps: (members: { state: MemberState }) => Promise<void>,
): Promise<ExternalGroupOutputs> {
  const members = { state: start };
  return recordingPartialState(
    id,
    async () => {
      await steps(members);
      return outputsWith(inputs, members.state);
    },
    (error) => {
      if (error instanceof MemberSyncError) members.state = error.state;
      return outputsWith(inputs, members.state, textKnown());
    },
  );
}

export const externalGroupHandler: ResourceHandler<ExternalGroupInputs, ExternalGroupOutputs> = {
  check(_olds, inputs) {
    const problems: Problem[] = [];
    checkGroupIds(inputs, problems);
    checkMembers(inputs.members, problems);
    return problems.length > 0 ? { problems } : { inputs: inputs as unknown as ExternalGroupInputs };
  },

  diff(_id, olds, news) {
    const replaces = (["connectionId", "groupId"] as const).filter((field) => containsUnknown(news[field]) || olds[field] !== news[field]);
    const changed =
      [...TEXT_FIELDS, "adoptExisting"].some(
        (field) => !sameValue((olds as unknown as Record<string, unknown>)[field], (news as unknown as Record<string, unknown>)[field]),
      ) ||
      containsUnknown(news.members) ||
      // Members are a set: a reordered list is no change; unconfirmed members always need a run to settle.
      (olds.members === undefined) !== (news.members === undefined) ||
      membersDiffer(recordedMembers(olds), news.members ?? []);
    const sameId = olds.connectionId === news.connectionId && olds.groupId === news.groupId;
    return { changes: replaces.length > 0 || changed, replaces, deleteBeforeReplace: replaces.length > 0 && sameId };
  },

  async create(ctx, inputs) {
    const id = `${inputs.connectionId}/${inputs.groupId}`;
    const body: Record<string, unknown> = { id: inputs.groupId };
    for (const field of TEXT_FIELDS) if (inputs[field] !== undefined) body[field] = inputs[field];
    const outcome = await createOrAdopt(ctx, `external group '${inputs.groupId}' of connection '${inputs.connectionId}'`, {
      // Its members (and any ExternalGroupMember resources) wait for this answer.
      create: (observer) =>
        ctx.graph.request("POST", "v1.0", groupsPath(inputs.connectionId), body, { observer, ...COALESCE, startsWork: true }),
      exists: async () => (await getGroup(ctx, inputs)) !== undefined,
      adoptExisting: inputs.adoptExisting === true,
      conflictHint: "Set adoptExisting: true to manage the existing group, or choose another groupId.",
      // Graph cannot list members, so only the text fields can be compared; the members are then all added.
      differences: async () => {
        const actual = await getGroup(ctx, inputs);
        return actual
          ? fieldDifferences(inputs as unknown as Record<string, unknown>, actual, TEXT_FIELDS, (_field, a, b) => sameValue(a, b))
          : ["it answered 409 but cannot be read"];
      },
    });
    // Text fields as Graph holds them: the POST's when created, the adopted group's until a PATCH lands.
    let known: Partial<ExternalGroupInputs> = {};
    const outs = await syncingGroup(
      id,
      inputs,
      { present: [], unconfirmed: [] },
      () => known,
      async (members) => {
        if (outcome.adopted) {
          const actual = await getGroup(ctx, inputs);
          known = actual ? textFields(inputs, actual) : {};
          const patch = actual ? textPatch(inputs, actual) : {};
          if (Object.keys(patch).length > 0)
            await ctx.graph.request("PATCH", "v1.0", groupPath(inputs.connectionId, inputs.groupId), patch, COALESCE);
          known = {};
        }
        // An adopted group's members cannot be listed; adding all is safe because a 409 means "already there".
        members.state = await syncMembers(ctx, inputs.connectionId, inputs.groupId, members.state, inputs.members ?? []);
      },
    );
    return { id, outs };
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
    if (!actual) throw new GraphConnectorsError(`external group '${id}' no longer exists; run \`pulumi refresh\` to recreate it`);
    // Until the PATCH lands, Graph holds the text it had; a failed run records that, so the next one patches again.
    let known: Partial<ExternalGroupInputs> = textFields(news, actual);
    const outs = await syncingGroup(
      id,
      news,
      recordedMembers(olds),
      () => known,
      async (members) => {
        const patch = textPatch(news, actual);
        if (Object.keys(patch).length > 0)
          await ctx.graph.request("PATCH", "v1.0", groupPath(news.connectionId, news.groupId), patch, COALESCE);
        known = {};
        members.state = await syncMembers(ctx, news.connectionId, news.groupId, members.state, news.members ?? []);
      },
    );
    return { outs };
  },

  // Graph has no way to list a group's members, so an imported group declares none (see `members`).
  async importInputs(ctx, id) {
    const ids = splitId(id);
    if (!ids.connectionId || !ids.groupId)
      throw new NotImportableError(`an external group's import id is '<connectionId>/<groupId>', not '${id}'`);
    const actual = await getGroup(ctx, ids);
    if (!actual) return undefined;
    const text = Object.fromEntries(
      TEXT_FIELDS.filter((field) => typeof actual[field] === "string" && actual[field] !== "").map((field) => [field, actual[field]]),
    );
    return { ...ids, ...text };
  },

  async delete(ctx, id) {
    const { connectionId, groupId } = splitId(id);
    await unlessNotFound(() => ctx.graph.request("DELETE", "v1.0", groupPath(connectionId, groupId), undefined, COALESCE));
  },
};
