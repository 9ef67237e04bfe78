import { namesSource, profileSourceUrl, sameSourceId, sourceIdOfEntry } from "../../../model/people";
import { GraphConnectorsError } from "../../errors";
import { ProviderContext } from "../../context";
import type { Problem } from "../../../model/problem";
import { recordingPartialState, ResourceHandler } from "../contract";
import type { Shape } from "../inputShape";
import { mayHaveApplied } from "../operations";
import { containsUnknown, plainOutputs, sameValue } from "../values";
import { hasLegacyEntry, isLegacyState, removeLegacyEntry, sourceIdOfResourceId } from "./legacyPriority";
import {
  anchorOf,
  describePlacement,
  isPlaced,
  Placement,
  placed,
  placementInputs,
  placementOf,
  POSITIONS,
  withoutSource,
} from "./placement";
import { findPrecedenceSetting, ProfilePropertySetting, rewriteSetting } from "./precedenceSetting";
import { ProfileSourcePriorityInputs, ProfileSourcePriorityOutputs } from "./types";

/** Every input of a source's placement and its JSON type (`propertyName`: 0.2.x programs, ignored with a warning). */
export const PRIORITY_INPUT_SHAPE: Record<string, Shape> = {
  sourceId: "string",
  position: "string",
  before: "string",
  after: "string",
  propertyName: "string",
};
const PLACEMENT_KEYS = ["position", "before", "after"] as const;
/** What a refresh reports for a source someone else moved: no input means it, so the next `pulumi up` moves it back. */
const MOVED = "elsewhere";

function outputsFrom(inputs: ProfileSourcePriorityInputs, setting: ProfilePropertySetting): ProfileSourcePriorityOutputs {
  // `propertyName` never reaches the outputs: its presence there is what marks 0.2.x state (legacyPriority.ts).
  const { propertyName: _ignored, ...rest } = inputs;
  return plainOutputs({ ...rest, settingId: setting.id, prioritizedSourceUrls: setting.prioritizedSourceUrls });
}

/** The placement inputs as compared by diff, `elsewhere` (a refresh's finding) included. */
const placementFields = (props: { position?: string; before?: string; after?: string }) => ({
  position: props.position ?? null,
  before: props.before ?? null,
  after: props.after ?? null,
});

/** Places the source in the tenant's precedence list, creating the list's setting when the tenant has none. */
async function place(ctx: ProviderContext, sourceId: string, placement: Placement): Promise<ProfilePropertySetting> {
  const entry = profileSourceUrl(ctx.graph.endpoint, sourceId);
  const setting = await rewriteSetting(ctx, {
    find: findPrecedenceSetting,
    change: (list) => {
      const result = placed(list, entry, sourceId, placement);
      if (!result) {
        throw new GraphConnectorsError(
          `profile source '${sourceId}' is to be placed ${describePlacement(placement)}, but '${anchorOf(placement)}' is not in the tenant's ` +
            "precedence list: place that source first (pass its ProfileSourcePriority's `sourceId` output, so Pulumi does), or use `position`",
        );
      }
      return result;
    },
    done: (list) => isPlaced(list, sourceId, placement),
    createIfMissing: true,
    what: `the place of profile source '${sourceId}' in the tenant's precedence list`,
  });
  return setting!;
}

/** The placement that describes where the source stands now (import): first, last, else next to a neighbour. */
function placementFound(list: readonly string[], sourceId: string): Placement {
  if (isPlaced(list, sourceId, { position: "first" })) return { position: "first" };
  if (isPlaced(list, sourceId, { position: "last" })) return { position: "last" };
  const at = list.findIndex(namesSource(sourceId));
  const previous = at > 0 ? sourceIdOfEntry(list[at - 1]) : undefined;
  if (previous) return { after: previous };
  const next = list
    .slice(at + 1)
    .map(sourceIdOfEntry)
    .find((id) => id !== undefined);
  return next ? { before: next } : { position: "first" };
}

/**
 * One profile source's place in the tenant's source precedence: the `prioritizedSourceUrls` of the one
 * profilePropertySetting without a name (precedenceSetting.ts), `first`, `last` (placement.ts: last among the
 * other sources, before the built-in Entra source) or before/after another source. Only its own entry is
 * managed: every other entry stays exactly as it is, an entry already there in the older
 * `/external/connections/<id>` form counts as ours (never a second one), and concurrent edits are survived by
 * re-reading before every write and after it. 0.2.x state (per property) upgrades in place (legacyPriority.ts).
 */
export const profileSourcePriorityHandler: ResourceHandler<ProfileSourcePriorityInputs, ProfileSourcePriorityOutputs> = {
  check(_olds, inputs) {
    const problems: Problem[] = [];
    const sourceId = inputs.sourceId;
    if (!containsUnknown(sourceId) && (typeof sourceId !== "string" || sourceId.trim() === ""))
      problems.push({ path: "sourceId", reason: "is required" });
    const given = PLACEMENT_KEYS.filter((key) => inputs[key] !== undefined);
    if (given.length > 1)
      problems.push({ path: given[1], reason: `cannot be given with ${given[0]}: set one of position, before and after` });
    if (
      inputs.position !== undefined &&
      !containsUnknown(inputs.position) &&
      !(POSITIONS as readonly unknown[]).includes(inputs.position)
    ) {
      problems.push({ path: "position", reason: `must be one of ${POSITIONS.join(", ")}` });
    }
    for (const key of ["before", "after"] as const) {
      const anchor = inputs[key];
      if (anchor === undefined || containsUnknown(anchor)) continue;
      if (typeof anchor !== "string" || anchor.trim() === "")
        problems.push({ path: key, reason: "must name another profile source's sourceId" });
      else if (typeof sourceId === "string" && sameSourceId(anchor, sourceId))
        problems.push({ path: key, reason: `names the source itself ('${anchor}')` });
    }
    if (problems.length > 0) return { problems };
    const warnings =
      typeof inputs.propertyName === "string"
        ? [
            `ProfileSourcePriority of source '${String(sourceId)}': propertyName '${inputs.propertyName}' is ignored. Graph keeps source precedence in one list for the ` +
              "tenant, not per profile property (profilepropertysetting.md), so every ProfileSourcePriority of this source now manages the same entry: keep one " +
              "per source and remove propertyName. Removing the others from the program in the same `pulumi up` that upgrades from 0.2.x takes out only their " +
              "old per-property entries; once upgraded, deleting one takes the shared entry out (use `pulumi state delete` for those).",
          ]
        : [];
    const placementGiven = given.length > 0;
    const checked = { ...inputs, ...(placementGiven ? {} : { position: "first" }) } as unknown as ProfileSourcePriorityInputs;
    return { inputs: checked, ...(warnings.length > 0 ? { warnings } : {}) };
  },

  diff(_id, olds, news) {
    if (!sameSourceId(olds.sourceId, news.sourceId)) return { changes: true, replaces: ["sourceId"] };
    if (isLegacyState(olds)) {
      return {
        changes: true,
        replaces: [],
        warnings: [
          `ProfileSourcePriority of source '${news.sourceId}' (0.2.x, profile property '${olds.propertyName}'): its entry moves from the ` +
            `setting named '${olds.propertyName}', which Graph does not use for precedence, into the tenant's precedence list (${describePlacement(placementOf(news))}); nothing is deleted`,
        ],
      };
    }
    return { changes: !sameValue(placementFields(olds), placementFields(news)) || olds.sourceId !== news.sourceId, replaces: [] };
  },

  async create(ctx, inputs) {
    // A write whose answer was lost may have placed the source: the create is recorded as half done (with no
    // propertyName, so as today's form), so `pulumi destroy` takes the entry out again and the next `pulumi up`
    // finishes it (found placed).
    const { propertyName: _ignored, ...known } = inputs;
    const setting = await recordingPartialState(
      inputs.sourceId,
      () => place(ctx, inputs.sourceId, placementOf(inputs)),
      () => plainOutputs(known),
      mayHaveApplied,
    );
    return { id: inputs.sourceId, outs: outputsFrom(inputs, setting) };
  },

  async read(ctx, id, props) {
    if (isLegacyState(props)) {
      // Kept as it is while its old entry or a new one exists, so that the next `pulumi up` upgrades it (diff).
      const setting = await findPrecedenceSetting(ctx);
      const placedNow = setting?.prioritizedSourceUrls.some(namesSource(props.sourceId)) ?? false;
      return placedNow || (await hasLegacyEntry(ctx, props)) ? { id, props } : { id: undefined };
    }
    const sourceId = props.sourceId ?? sourceIdOfResourceId(id);
    const setting = await findPrecedenceSetting(ctx);
    if (!setting || !setting.prioritizedSourceUrls.some(namesSource(sourceId))) return { id: undefined };
    const where = placementOf(props);
    const moved = props.position === MOVED || !isPlaced(setting.prioritizedSourceUrls, sourceId, where);
    return { id, props: outputsFrom({ ...props, sourceId, ...(moved ? { position: MOVED } : {}) }, setting) };
  },

  async update(ctx, id, olds, news) {
    const placeIt = async () => ({ outs: outputsFrom(news, await place(ctx, news.sourceId, placementOf(news))) });
    if (!isLegacyState(olds)) return placeIt();
    // 0.2.x state. Its entry sits in a named setting, which Graph does not read, so taking it out first changes
    // nothing for profiles, and a failure there leaves the state as it was, nothing placed yet (the next `pulumi
    // up` tries again; a destroy takes out only that entry). Once it is out the state is today's form whatever
    // happens next: a placement that fails is recorded so, and the next `pulumi up` places the source while a
    // destroy removes whatever landed.
    await removeLegacyEntry(ctx, olds);
    return recordingPartialState(id, placeIt, () => outputsFrom(news, { id: "", prioritizedSourceUrls: [] }));
  },

  async delete(ctx, id, props) {
    if (isLegacyState(props)) {
      await removeLegacyEntry(ctx, props);
      return;
    }
    const sourceId = props.sourceId ?? sourceIdOfResourceId(id);
    await rewriteSetting(ctx, {
      find: findPrecedenceSetting,
      change: (list) => withoutSource(list, sourceId),
      done: (list) => !list.some(namesSource(sourceId)),
      createIfMissing: false,
      what: `the entry of profile source '${sourceId}' in the tenant's precedence list`,
    });
  },

  async importInputs(ctx, id) {
    const sourceId = sourceIdOfResourceId(id);
    if (!sourceId) throw new GraphConnectorsError(`a profile source priority's import id is the source's sourceId, not '${id}'`);
    const setting = await findPrecedenceSetting(ctx);
    if (!setting || !setting.prioritizedSourceUrls.some(namesSource(sourceId))) return undefined;
    return plainOutputs({
      sourceId,
      ...placementInputs(placementFound(setting.prioritizedSourceUrls, sourceId)),
    }) as ProfileSourcePriorityInputs;
  },
};
