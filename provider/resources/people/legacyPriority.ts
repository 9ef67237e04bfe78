/**
 * ProfileSourcePriority state written by 0.2.x: one resource per profile property, id `<propertyName>/<sourceId>`,
 * its entry in a profilePropertySetting named after the property (outputs `propertyName`, `sourceId`,
 * `position`, `settingId`, `prioritizedSourceUrls`). Graph does not use named settings for precedence
 * (profilepropertysetting.md), so that entry never took effect.
 *
 * Such a resource never placed anything in the tenant's precedence list, so what it can take out is only its own
 * entry of its named setting: its delete does only that, and the update that upgrades it (diff asks for one,
 * never a replace) takes the old entry out and then places the source in the precedence list. Several 0.2.x
 * resources of one source (one per property) therefore upgrade into one entry, and deleting the ones a program
 * no longer declares in that same `pulumi up` leaves the entry the kept one placed.
 */
import { isPrecedenceSetting, namesSource } from "../../../model/people";
import { ProviderContext } from "../../context";
import { withoutSource } from "./placement";
import { getProfilePropertySetting, listProfilePropertySettings, ProfilePropertySetting, rewriteSetting } from "./precedenceSetting";

export interface LegacyPriorityState {
  propertyName: string;
  sourceId: string;
  position?: string;
  settingId?: string;
  prioritizedSourceUrls?: string[];
}

/** Whether outputs are 0.2.x state: only those hold `propertyName` (today's outputs never do). */
export function isLegacyState(props: object | undefined): props is LegacyPriorityState {
  return typeof (props as { propertyName?: unknown } | undefined)?.propertyName === "string";
}

/** The sourceId of a resource id, today's (`<sourceId>`) or 0.2.x's (`<propertyName>/<sourceId>`; 0.2.x refused a '/' in propertyName). */
export function sourceIdOfResourceId(id: string): string {
  const slash = id.indexOf("/");
  return slash < 0 ? id : id.slice(slash + 1);
}

/** The named setting the 0.2.x resource recorded, by its id, else by its name as 0.2.x found it; never the precedence setting. */
async function legacySetting(ctx: ProviderContext, state: LegacyPriorityState): Promise<ProfilePropertySetting | undefined> {
  const byId = state.settingId ? await getProfilePropertySetting(ctx, state.settingId) : undefined;
  const found = byId ?? (await listProfilePropertySettings(ctx)).find((setting) => setting.name === state.propertyName);
  return found && !isPrecedenceSetting(found) ? found : undefined;
}

/** Whether the 0.2.x entry is still in its named setting. */
export async function hasLegacyEntry(ctx: ProviderContext, state: LegacyPriorityState): Promise<boolean> {
  return (await legacySetting(ctx, state))?.prioritizedSourceUrls.some(namesSource(state.sourceId)) ?? false;
}

/** Takes the source's entry out of its 0.2.x named setting, keeping every other entry; nothing else is touched. */
export async function removeLegacyEntry(ctx: ProviderContext, state: LegacyPriorityState): Promise<void> {
  await rewriteSetting(ctx, {
    find: (context) => legacySetting(context, state),
    change: (list) => withoutSource(list, state.sourceId),
    done: (list) => !list.some(namesSource(state.sourceId)),
    createIfMissing: false,
    what: `profile property setting '${state.propertyName}'`,
  });
}
