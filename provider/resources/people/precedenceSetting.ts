/**
 * The tenant's source precedence: the ONE profilePropertySetting whose `name` is empty
 * (profilepropertysetting.md: "the **name** property *must* be empty … Only one configuration without a name
 * is allowed per collection"; Microsoft's people connector sample finds it with `SingleOrDefault(x => x.Name
 * is null)` and PATCHes it). Reads, the one create, and the read-modify-write every change goes through.
 */
import { isPrecedenceSetting, PROFILE_PROPERTY_SETTINGS_PATH, profilePropertySettingPath } from "../../../model/people";
import { GraphConnectorsError } from "../../errors";
import { isGraphError } from "../../graph/errors";
import { ProviderContext } from "../../context";
import { unlessNotFound } from "../operations";

export interface ProfilePropertySetting {
  id: string;
  name?: string | null;
  displayName?: string | null;
  prioritizedSourceUrls: string[];
}

/** Read-modify-write rounds before giving up when other writers keep changing the list under us. */
const MAX_ROUNDS = 5;

const withList = (setting: ProfilePropertySetting): ProfilePropertySetting => ({
  ...setting,
  prioritizedSourceUrls: setting.prioritizedSourceUrls ?? [],
});

/** Every profile property setting of the tenant, each with its list (empty when Graph sends none). */
export async function listProfilePropertySettings(ctx: ProviderContext): Promise<ProfilePropertySetting[]> {
  const response = await ctx.graph.request("GET", "v1.0", PROFILE_PROPERTY_SETTINGS_PATH);
  return ((response.body as { value?: ProfilePropertySetting[] }).value ?? []).map(withList);
}

/** The tenant's precedence setting, the one without a name; undefined when the tenant has none yet. */
export async function findPrecedenceSetting(ctx: ProviderContext): Promise<ProfilePropertySetting | undefined> {
  const unnamed = (await listProfilePropertySettings(ctx)).filter(isPrecedenceSetting);
  if (unnamed.length > 1) {
    // Graph allows one; two would leave precedence undefined, and picking one could edit the one Graph ignores.
    throw new GraphConnectorsError(
      `the tenant has ${unnamed.length} profile property settings without a name (${unnamed.map((setting) => setting.id).join(", ")}); ` +
        "Graph keeps source precedence in exactly one: delete the extra one (DELETE /admin/people/profilePropertySettings/{id}) and run `pulumi up` again",
    );
  }
  return unnamed[0];
}

/** A setting by its id (a 0.2.x per-property setting, say); undefined when it no longer exists. */
export async function getProfilePropertySetting(ctx: ProviderContext, id: string): Promise<ProfilePropertySetting | undefined> {
  const response = await unlessNotFound(() => ctx.graph.request("GET", "v1.0", profilePropertySettingPath(id)));
  return response ? withList(response.body as ProfilePropertySetting) : undefined;
}

/**
 * Creates the precedence setting with `list`, without a name. Another writer may create it at the same
 * moment: Graph then refuses ours (the docs name no status for a second unnamed setting, so any refusal
 * counts), or a retried POST whose first answer was lost meets the one it made. Either way the setting now
 * exists and is used; when none does, the refusal stands.
 */
async function createPrecedenceSetting(ctx: ProviderContext, list: string[]): Promise<ProfilePropertySetting> {
  try {
    return withList(
      (await ctx.graph.request("POST", "v1.0", PROFILE_PROPERTY_SETTINGS_PATH, { prioritizedSourceUrls: list }))
        .body as ProfilePropertySetting,
    );
  } catch (error) {
    if (!isGraphError(error) || error.status >= 500 || error.status === 401 || error.status === 403) throw error;
    const existing = await findPrecedenceSetting(ctx);
    if (!existing) throw error;
    return existing;
  }
}

export interface Rewrite {
  /** Finds the setting to change (the precedence setting, or a 0.2.x one by id). */
  find(ctx: ProviderContext): Promise<ProfilePropertySetting | undefined>;
  /** The list as it should be, made from the list as it is; throws when it cannot be made. */
  change(list: readonly string[]): string[];
  /** Whether the list is as wanted. */
  done(list: readonly string[]): boolean;
  /** Create the precedence setting when `find` finds none (else there is nothing to change). */
  createIfMissing: boolean;
  /** For the message when other writers never let the list settle. */
  what: string;
}

/**
 * Writes to one setting from one provider process go one at a time, so the resources of one `pulumi up`
 * (all sources share the one list) never overwrite each other. Keyed by the Graph client, one per tenant: each
 * operation's context is its own view (with its own log) of the process's, and they share the client.
 */
const queues = new WeakMap<ProviderContext["graph"], Promise<unknown>>();

function oneAtATime<T>(ctx: ProviderContext, run: () => Promise<T>): Promise<T> {
  const previous = queues.get(ctx.graph) ?? Promise.resolve();
  const next = previous.then(run, run);
  queues.set(
    ctx.graph,
    next.catch(() => undefined),
  );
  return next;
}

/**
 * Applies `rewrite.change` until Graph holds a list where `rewrite.done` is true. The setting is re-read right
 * before every write, so entries other writers (other processes, the admin center) added or reordered in the
 * meantime are kept, and read again after it, so a write that raced with another one is noticed and redone.
 * Graph offers no ETag on the setting: two writers inside one read-write window can still overwrite each other,
 * and the read after the write is what catches it. Undefined when there is no setting and none is to be made.
 */
export function rewriteSetting(ctx: ProviderContext, rewrite: Rewrite): Promise<ProfilePropertySetting | undefined> {
  return oneAtATime(ctx, async () => {
    for (let round = 1; round <= MAX_ROUNDS; round++) {
      const setting = await rewrite.find(ctx);
      if (!setting) {
        if (!rewrite.createIfMissing) return undefined;
        // The created setting is read again like a written one: Graph may have added to it (the Entra source).
        const created = await createPrecedenceSetting(ctx, rewrite.change([]));
        if (rewrite.done(created.prioritizedSourceUrls)) return created;
        continue;
      }
      if (rewrite.done(setting.prioritizedSourceUrls)) return setting;
      await ctx.graph.request("PATCH", "v1.0", profilePropertySettingPath(setting.id), {
        prioritizedSourceUrls: rewrite.change(setting.prioritizedSourceUrls),
      });
    }
    const last = await rewrite.find(ctx);
    if (last && rewrite.done(last.prioritizedSourceUrls)) return last;
    throw new GraphConnectorsError(
      `${rewrite.what} kept changing under ${MAX_ROUNDS} writes; another writer is editing the tenant's profile source precedence ` +
        "at the same time: run `pulumi up` again when it is done",
    );
  });
}
