import type { dynamic } from "@pulumi/pulumi";
import { PROFILE_PROPERTY_SETTINGS_PATH, profilePropertySettingPath, profileSourceUrl, sourceIdOfUrl } from "../../../model/people";
import { GraphConnectorsError } from "../../errors";
import { isGraphError } from "../../graph/errors";
import { ProviderContext } from "../../runtime";
import { failure, recordingPartialState, ResourceHandler } from "../contract";
import { inputShapeFailures } from "../inputShape";
import { mayHaveApplied } from "../operations";
import { containsUnknown, plainOutputs, sameValue, withoutProviderKey } from "../values";
import { ProfileSourcePriorityInputs, ProfileSourcePriorityOutputs } from "./types";

const POSITIONS = ["first", "last"] as const;
/** Read-modify-write rounds before giving up when other writers keep changing the list under us. */
const MAX_ROUNDS = 5;

export interface ProfilePropertySetting {
  id: string;
  name?: string;
  prioritizedSourceUrls: string[];
}
type Setting = ProfilePropertySetting;

function splitId(id: string): { propertyName: string; sourceId: string } {
  const slash = id.indexOf("/");
  return { propertyName: id.slice(0, slash), sourceId: id.slice(slash + 1) };
}

/** Every profile property setting of the tenant, each with its list (empty when Graph sends none). */
export async function listProfilePropertySettings(ctx: ProviderContext): Promise<ProfilePropertySetting[]> {
  const response = await ctx.graph.request("GET", "v1.0", PROFILE_PROPERTY_SETTINGS_PATH);
  return ((response.body as { value?: Setting[] }).value ?? []).map((setting) => ({ ...setting, prioritizedSourceUrls: setting.prioritizedSourceUrls ?? [] }));
}

async function findSetting(ctx: ProviderContext, propertyName: string): Promise<Setting | undefined> {
  return (await listProfilePropertySettings(ctx)).find((setting) => setting.name === propertyName);
}

/** Whether a prioritized source URL names the profile source `sourceId`. */
export const isOurs = (sourceId: string) => (url: string) => sourceIdOfUrl(url) === sourceId;

/** The list with our source placed as asked and every other entry kept exactly as it was, in its order. */
export function placed(list: readonly string[], ourUrl: string, sourceId: string, position: string): string[] {
  const others = list.filter((url) => !isOurs(sourceId)(url));
  return position === "last" ? [...others, ourUrl] : [ourUrl, ...others];
}

function isPlaced(list: readonly string[], sourceId: string, position: string): boolean {
  const ours = list.map(isOurs(sourceId));
  if (ours.filter(Boolean).length !== 1) return false;
  return position === "last" ? ours[ours.length - 1] : ours[0];
}

function outputsFrom(inputs: ProfileSourcePriorityInputs, setting: Setting): ProfileSourcePriorityOutputs {
  return plainOutputs({ ...inputs, settingId: setting.id, prioritizedSourceUrls: setting.prioritizedSourceUrls });
}

/**
 * Applies `change` to the property's list until Graph holds a list where `done` is true: the list is re-read
 * right before every write, so entries other writers added or reordered in the meantime are kept, and read
 * again after it, so a write that raced with another one is noticed and redone.
 */
async function rewrite(ctx: ProviderContext, inputs: ProfileSourcePriorityInputs, change: (list: string[]) => string[], done: (list: string[]) => boolean): Promise<Setting | undefined> {
  for (let round = 1; round <= MAX_ROUNDS; round++) {
    const setting = await findSetting(ctx, inputs.propertyName);
    if (!setting) return undefined;
    if (done(setting.prioritizedSourceUrls)) return setting;
    await ctx.graph.request("PATCH", "v1.0", profilePropertySettingPath(setting.id), { prioritizedSourceUrls: change(setting.prioritizedSourceUrls) });
  }
  const last = await findSetting(ctx, inputs.propertyName);
  if (last && done(last.prioritizedSourceUrls)) return last;
  throw new GraphConnectorsError(`the prioritized sources of profile property '${inputs.propertyName}' kept changing under ${MAX_ROUNDS} writes; ` +
    "another writer is editing them at the same time: run `pulumi up` again when it is done");
}

/**
 * One profile source's place in one profile property's prioritized sources (`profilePropertySettings`,
 * `prioritizedSourceUrls`). Only its own entry is managed: other sources' entries stay exactly as they are,
 * and concurrent edits of the list are survived by re-reading before every write. Graph offers no ETag on
 * the setting, so two writers racing inside one read-write window can still overwrite each other; the read
 * after each write notices that and writes again.
 */
export const profileSourcePriorityHandler: ResourceHandler<ProfileSourcePriorityInputs, ProfileSourcePriorityOutputs> = {
  check(_olds, news): dynamic.CheckResult<ProfileSourcePriorityInputs> {
    const inputs = withoutProviderKey(news);
    const failures = inputShapeFailures(inputs, { propertyName: "string", sourceId: "string", position: "string" });
    if (failures.length > 0) return { failures };
    for (const field of ["propertyName", "sourceId"] as const) {
      const value = inputs[field];
      if (!containsUnknown(value) && (typeof value !== "string" || value.trim() === "")) failures.push(failure(field, `${field} is required`));
    }
    if (typeof inputs.propertyName === "string" && inputs.propertyName.includes("/")) failures.push(failure("propertyName", "propertyName cannot contain '/'"));
    if (inputs.position !== undefined && !containsUnknown(inputs.position) && !(POSITIONS as readonly unknown[]).includes(inputs.position)) {
      failures.push(failure("position", `position must be one of ${POSITIONS.join(", ")}`));
    }
    return failures.length > 0 ? { failures } : { inputs: { ...inputs, position: inputs.position ?? "first" } as unknown as ProfileSourcePriorityInputs };
  },

  diff(_id, olds, news) {
    const replaces = (["propertyName", "sourceId"] as const).filter((field) => !sameValue(olds[field], news[field]));
    return { changes: replaces.length > 0 || !sameValue(olds.position ?? "first", news.position ?? "first"), replaces };
  },

  async create(ctx, inputs) {
    const id = `${inputs.propertyName}/${inputs.sourceId}`;
    const position = inputs.position ?? "first";
    const url = profileSourceUrl(ctx.graph.endpoint, inputs.sourceId);
    const place = () => rewrite(ctx, inputs, (list) => placed(list, url, inputs.sourceId, position), (list) => isPlaced(list, inputs.sourceId, position));
    // A write whose answer was lost may have placed the source: the create is recorded as half done, so
    // `pulumi destroy` takes the entry out again and the next `pulumi up` finishes it (found placed).
    const setting = await recordingPartialState(id, async () => {
      const found = await place();
      if (found) return found;
      // No setting for this property yet: the first source makes it. Another source of the same run may make
      // it at the same moment (409): then it exists, and ours is placed in it like in any other.
      try {
        return (await ctx.graph.request("POST", "v1.0", PROFILE_PROPERTY_SETTINGS_PATH, { name: inputs.propertyName, prioritizedSourceUrls: [url] })).body as Setting;
      } catch (error) {
        if (!isGraphError(error, 409)) throw error;
        const made = await place();
        if (!made) throw error;
        return made;
      }
    }, () => plainOutputs(inputs), mayHaveApplied);
    return { id, outs: outputsFrom(inputs, setting) };
  },

  async read(ctx, id, props) {
    const ids = splitId(id);
    const setting = await findSetting(ctx, ids.propertyName);
    if (!setting || !setting.prioritizedSourceUrls.some(isOurs(ids.sourceId))) return { id: undefined };
    const ours = setting.prioritizedSourceUrls.findIndex(isOurs(ids.sourceId));
    // A source moved by someone else reads as where it now is, so the next `pulumi up` moves it back.
    const position = isPlaced(setting.prioritizedSourceUrls, ids.sourceId, props.position ?? "first") ? (props.position ?? "first")
      : ours === 0 ? "first" : ours === setting.prioritizedSourceUrls.length - 1 ? "last" : "elsewhere";
    return { id, props: outputsFrom({ ...props, ...ids, position }, setting) };
  },

  async update(ctx, id, _olds, news) {
    const position = news.position ?? "first";
    const url = profileSourceUrl(ctx.graph.endpoint, news.sourceId);
    const setting = await rewrite(ctx, news, (list) => placed(list, url, news.sourceId, position), (list) => isPlaced(list, news.sourceId, position));
    if (!setting) throw new GraphConnectorsError(`profile property '${news.propertyName}' has no setting any more; run \`pulumi refresh\``);
    return { outs: outputsFrom(news, setting) };
  },

  async delete(ctx, _id, props) {
    await rewrite(ctx, props, (list) => list.filter((url) => !isOurs(props.sourceId)(url)), (list) => !list.some(isOurs(props.sourceId)));
  },

  async importInputs(ctx, id) {
    const ids = splitId(id);
    if (!ids.propertyName || !ids.sourceId) throw new GraphConnectorsError(`a profile source priority's import id is '<propertyName>/<sourceId>', not '${id}'`);
    const setting = await findSetting(ctx, ids.propertyName);
    const index = setting?.prioritizedSourceUrls.findIndex(isOurs(ids.sourceId)) ?? -1;
    if (!setting || index < 0) return undefined;
    return { ...ids, position: index === setting.prioritizedSourceUrls.length - 1 && index > 0 ? "last" : "first" };
  },
};
