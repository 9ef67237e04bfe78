import { PEOPLE_SETTINGS_CLOUDS } from "../../../model/people";
import type { CloudRestriction } from "../contract";

/**
 * People settings exist in the global service only (model/people.ts: the profileSource pages' national cloud
 * table): a ProfileSource or ProfileSourcePriority in another cloud fails at preview (engine/check.ts), naming
 * the setting that chose the cloud, instead of a request Graph would refuse.
 */
export const PEOPLE_SETTINGS_ONLY_GLOBAL: CloudRestriction = {
  clouds: PEOPLE_SETTINGS_CLOUDS,
  why: "profile sources and their precedence are available in the global service only (Graph API reference, profileSource: no US Government L4, L5 (DOD) or 21Vianet)",
};
