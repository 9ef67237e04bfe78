/**
 * The tenant's precedence setting (the one profilePropertySetting without a name) as the run reads, probes and
 * restores it with requests of its own. Restoring is exact: the list as it was, entry for entry, or no setting
 * when there was none. A setting is deleted the way profilepriority-configure-profilepropertysetting.md
 * (2026-06-08) says it can be: "A Delete operation is supported only after the setting was patched to this
 * default state, and it fails unless the prioritizedSourceUrls property contains only the Entra ID source
 * reference"; so it is first patched to the Entra entry alone.
 */
import {
  isEntraEntry,
  isPrecedenceSetting,
  PROFILE_PROPERTY_SETTINGS_PATH,
  profilePropertySettingPath,
  sourceIdOfEntry,
} from "../../model/people";
import { sameValue } from "../../provider/resources/values";
import { belongsTo, entraEntry } from "./names";
import { Answer, ContractViolation, describeAnswer, LiveRun } from "./run";

export interface Setting {
  id: string;
  name?: string | null;
  prioritizedSourceUrls: string[];
}

export async function precedenceSettings(run: LiveRun): Promise<Setting[]> {
  const answer = await run.raw("GET", "v1.0", PROFILE_PROPERTY_SETTINGS_PATH);
  if (answer.status !== 200) throw new ContractViolation(`listing the profile property settings answered ${describeAnswer(answer)}`);
  return ((answer.body as { value?: Setting[] }).value ?? [])
    .filter(isPrecedenceSetting)
    .map((setting) => ({ ...setting, prioritizedSourceUrls: setting.prioritizedSourceUrls ?? [] }));
}

/** Records the tenant's precedence setting as it is, before the run changes it (once: a later call keeps the first record). */
export async function rememberPrecedence(run: LiveRun): Promise<void> {
  if (run.restore.current.precedence) return;
  const unnamed = await precedenceSettings(run);
  if (unnamed.length > 1)
    throw new ContractViolation(
      `the tenant has ${unnamed.length} profile property settings without a name; the run leaves such a tenant alone`,
    );
  run.restore.update({
    precedence: unnamed[0] ? { existed: true, id: unnamed[0].id, list: unnamed[0].prioritizedSourceUrls } : { existed: false },
  });
}

/** Patches a setting to the Entra entry alone, then deletes it: the two answers. */
export async function deleteSetting(run: LiveRun, setting: Setting): Promise<[Answer, Answer]> {
  const entra = setting.prioritizedSourceUrls.find(isEntraEntry) ?? entraEntry(run.target.settings.endpoint);
  const patched = await run.raw("PATCH", "v1.0", profilePropertySettingPath(setting.id), { prioritizedSourceUrls: [entra] });
  return [patched, await run.raw("DELETE", "v1.0", profilePropertySettingPath(setting.id))];
}

/** Deletes the settings probes created (recorded in the restore point). */
export async function removeProbeSettings(run: LiveRun): Promise<string[]> {
  const removed: string[] = [];
  for (const id of run.restore.current.probeSettingIds) {
    const [, deleted] = await deleteSetting(run, { id, prioritizedSourceUrls: [] });
    if (deleted.status >= 300 && deleted.status !== 404)
      throw new ContractViolation(`deleting probe setting ${id} answered ${describeAnswer(deleted)}`);
    removed.push(id);
    run.restore.update({ probeSettingIds: run.restore.current.probeSettingIds.filter((other) => other !== id) });
  }
  return removed;
}

/**
 * Puts the precedence list back as the restore point recorded it. Without a record (a run killed before it read
 * the list), the entries naming this run's sources are taken out and everything else is left as it is.
 */
export async function restorePrecedence(run: LiveRun): Promise<string> {
  const recorded = run.restore.current.precedence;
  const unnamed = await precedenceSettings(run);
  const current = unnamed.find((setting) => !recorded?.existed || setting.id === recorded.id) ?? unnamed[0];
  if (!recorded) {
    const ours = current?.prioritizedSourceUrls.filter((entry) => belongsTo(run.prefix, sourceIdOfEntry(entry))) ?? [];
    if (!current || ours.length === 0) return "no record of the list before the run, and no entry of this run's in it";
    const kept = current.prioritizedSourceUrls.filter((entry) => !ours.includes(entry));
    const patched = await run.raw("PATCH", "v1.0", profilePropertySettingPath(current.id), { prioritizedSourceUrls: kept });
    if (patched.status >= 300)
      throw new ContractViolation(`taking this run's entries out of the precedence list answered ${describeAnswer(patched)}`);
    return `no record of the list before the run: took out ${ours.length} entries of this run's sources`;
  }
  if (!recorded.existed) {
    if (!current) return "no precedence setting, as before the run";
    const [patched, deleted] = await deleteSetting(run, current);
    if (deleted.status >= 300) {
      throw new ContractViolation(
        `the tenant had no precedence setting; removing the one made since answered ${describeAnswer(patched)} to the PATCH, then ${describeAnswer(deleted)}`,
      );
    }
    if ((await precedenceSettings(run)).length > 0)
      throw new ContractViolation("the precedence setting made during the run is still listed after its delete");
    return "deleted the precedence setting made during the run (the tenant had none)";
  }
  if (current && sameValue(current.prioritizedSourceUrls, recorded.list))
    return `the precedence list is as it was (${recorded.list.length} entries)`;
  if (!current)
    throw new ContractViolation(`the tenant's precedence setting ${recorded.id} is gone; it held ${JSON.stringify(recorded.list)}`);
  const patched = await run.raw("PATCH", "v1.0", profilePropertySettingPath(current.id), { prioritizedSourceUrls: recorded.list });
  const now = (await precedenceSettings(run)).find((setting) => setting.id === current.id);
  if (!now || !sameValue(now.prioritizedSourceUrls, recorded.list)) {
    throw new ContractViolation(
      `the precedence list could not be restored exactly: PATCH answered ${describeAnswer(patched)} and Graph holds ` +
        `${JSON.stringify(now?.prioritizedSourceUrls)}, not ${JSON.stringify(recorded.list)}`,
    );
  }
  return `restored the precedence list as it was (${recorded.list.length} entries)`;
}
