import type { Problem } from "../../../model/problem";
import { isGraphError } from "../../graph/errors";
import { ProviderContext } from "../../context";
import { recordingPartialState, ResourceHandler } from "../contract";
import { mayHaveApplied, unlessNotFound } from "../operations";
import { containsUnknown, plainOutputs, sameValue } from "../values";
import { memberProblem } from "../../../model/group";
import { checkGroupIds } from "./check";
import type { Shape } from "../inputShape";
import { COALESCE, getGroup } from "./handler";
import { ExternalGroupMemberInputs, ExternalGroupMemberOutputs, memberPath } from "./types";

/** Adds the member; a 409 means it already is one. */
async function addMember(ctx: ProviderContext, inputs: ExternalGroupMemberInputs): Promise<void> {
  try {
    await ctx.graph.request(
      "POST",
      "v1.0",
      memberPath(inputs.connectionId, inputs.groupId),
      { id: inputs.memberId, type: inputs.memberType },
      COALESCE,
    );
  } catch (error) {
    if (!isGraphError(error, 409)) throw error;
    ctx.log(`'${inputs.memberId}' is already a member of group '${inputs.groupId}'`);
  }
}

/**
 * Adds the member as resource `id`. A lost answer may hide a member that was added: it is recorded (the engine
 * then retries through update), so removing it from the program still removes it from Graph.
 */
async function addRecordingLostAnswer(
  ctx: ProviderContext,
  id: string,
  inputs: ExternalGroupMemberInputs,
): Promise<ExternalGroupMemberOutputs> {
  await recordingPartialState(
    id,
    () => addMember(ctx, inputs),
    () => plainOutputs(inputs),
    mayHaveApplied,
  );
  return plainOutputs(inputs);
}

const IDENTITY_FIELDS = ["connectionId", "groupId", "memberId", "memberType"] as const;

/** Every input of a member and its JSON type. */
export const MEMBER_INPUT_SHAPE: Record<string, Shape> = {
  connectionId: "string",
  groupId: "string",
  memberId: "string",
  memberType: "string",
};

/**
 * One member of an external group. Every field identifies the membership, so any change replaces it.
 * Graph cannot list or read members, so `read` can only notice that the whole group is gone.
 */
export const externalGroupMemberHandler: ResourceHandler<ExternalGroupMemberInputs, ExternalGroupMemberOutputs> = {
  check(_olds, inputs) {
    const problems: Problem[] = [];
    checkGroupIds(inputs, problems);
    if (!containsUnknown(inputs.memberId) && !containsUnknown(inputs.memberType)) {
      const problem = memberProblem(inputs.memberId, inputs.memberType);
      // The SDK names the fields memberId and memberType.
      if (problem) problems.push({ path: problem.field === "type" ? "memberType" : "memberId", reason: problem.reason });
    }
    return problems.length > 0 ? { problems } : { inputs: inputs as unknown as ExternalGroupMemberInputs };
  },

  diff(_id, olds, news) {
    const replaces = IDENTITY_FIELDS.filter((field) => containsUnknown(news[field]) || !sameValue(olds[field], news[field]));
    // The same member id in the same group can only be added once, so the old membership goes first.
    return { changes: replaces.length > 0, replaces, deleteBeforeReplace: replaces.length > 0 && olds.memberId === news.memberId };
  },

  async create(ctx, inputs) {
    const id = `${inputs.connectionId}/${inputs.groupId}/${inputs.memberId}`;
    return { id, outs: await addRecordingLostAnswer(ctx, id, inputs) };
  },

  async read(ctx, id, props) {
    return (await getGroup(ctx, props)) ? { id, props } : { id: undefined };
  },

  // Every field replaces, so update only runs to finish a create whose answer was lost: add the member again.
  async update(ctx, id, _olds, news) {
    return { outs: await addRecordingLostAnswer(ctx, id, news) };
  },

  async delete(ctx, _id, props) {
    await unlessNotFound(() =>
      ctx.graph.request("DELETE", "v1.0", memberPath(props.connectionId, props.groupId, props.memberId), undefined, COALESCE),
    );
  },
};
