import type { dynamic } from "@pulumi/pulumi";
import { PEOPLE_SETTINGS_CLOUDS } from "../../../model/people";
import { CheckSettings, DEFAULT_CHECK_SETTINGS, failure } from "../contract";

/**
 * People settings exist in the global service only (model/people.ts: the profileSource pages' national cloud
 * table): a ProfileSource or ProfileSourcePriority in another cloud fails at preview, naming the setting that
 * chose the cloud, instead of a request Graph would refuse.
 */
export function peopleCloudFailure(type: string, settings: CheckSettings = DEFAULT_CHECK_SETTINGS): dynamic.CheckFailure | undefined {
  if (PEOPLE_SETTINGS_CLOUDS.includes(settings.environment)) return undefined;
  return failure(settings.environmentKey, `${type} cannot be used in the '${settings.environment}' cloud: profile sources and their precedence are ` +
    `available in the global service only (Graph API reference, profileSource: no US Government L4, L5 (DOD) or 21Vianet); ${settings.environmentKey} is '${settings.environment}'`);
}
