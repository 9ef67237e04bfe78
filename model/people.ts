/**
 * People connectors (v1.0 since February 2026): a connection whose items enrich Microsoft 365 user profiles,
 * registered as a profile source and placed in the prioritized sources of the profile properties it feeds.
 *
 * Sources: Microsoft Learn "Build Microsoft 365 Copilot connectors for people data"
 * (microsoft-365-copilot/extensibility/build-connectors-with-people-data: contentCategory `people`, exactly one
 * `personAccount` property, the person label table in model/schema.ts, registration as a profile source);
 * the metadata extract `v1.0-people-admin.csdl.xml` (peopleAdminSettings, profileSource with alternate key
 * `sourceId`, profileSourceLocalization, profilePropertySetting with `prioritizedSourceUrls`); Graph API
 * reference profilesource-post / peopleadminsettings-list-profilepropertysettings (permission
 * PeopleSettings.ReadWrite.All; PeopleSettings.Read.All to read).
 */

/** The content category that makes a connection a people connector. */
export const PEOPLE_CONTENT_CATEGORY = "people";
/** The label that maps an item to its Entra user; a people connector's schema has exactly one. */
export const PERSON_ACCOUNT_LABEL = "personAccount";

export const PEOPLE_ADMIN_PATH = "/admin/people";
export const PROFILE_SOURCES_PATH = `${PEOPLE_ADMIN_PATH}/profileSources`;
export const PROFILE_PROPERTY_SETTINGS_PATH = `${PEOPLE_ADMIN_PATH}/profilePropertySettings`;

/** A profile source addressed by its alternate key `sourceId` (the connection id for a people connector). */
export function profileSourcePath(sourceId: string): string {
  return `${PROFILE_SOURCES_PATH}(sourceId='${encodeURIComponent(sourceId.replace(/'/g, "''"))}')`;
}

export function profilePropertySettingPath(id: string): string {
  return `${PROFILE_PROPERTY_SETTINGS_PATH}/${encodeURIComponent(id)}`;
}

/** The writable fields of a profileSource (metadata), `sourceId` set at create only. */
export const PROFILE_SOURCE_FIELDS = ["sourceId", "displayName", "kind", "webUrl", "localizations"] as const;
export const PROFILE_SOURCE_UPDATABLE_FIELDS = ["displayName", "kind", "webUrl", "localizations"] as const;

/**
 * The entry of a profile source in a profilePropertySetting's `prioritizedSourceUrls`: the source's Graph URL
 * by its alternate key, as the people-data page's example registers it.
 */
export function profileSourceUrl(graphRoot: string, sourceId: string): string {
  return `${graphRoot.replace(/\/+$/, "")}/v1.0${profileSourcePath(sourceId)}`;
}

/** The sourceId a prioritized source URL names, if it is a profile source URL at all. */
export function sourceIdOfUrl(url: string): string | undefined {
  const match = /\/admin\/people\/profileSources\(sourceId='([^']*(?:''[^']*)*)'\)\/?$/.exec(decodeURIComponent(url));
  return match ? match[1].replace(/''/g, "'") : undefined;
}

/** A people connector's schema rule Graph's profile sync relies on, as a problem with the schema path. */
export function peopleSchemaProblems(properties: ReadonlyArray<{ name: string; labels?: readonly string[] }>): Array<{ path: string; reason: string }> {
  const accounts = properties.filter((property) => (property.labels ?? []).includes(PERSON_ACCOUNT_LABEL));
  if (accounts.length === 1) return [];
  return [{
    path: "schema.properties",
    reason: accounts.length === 0
      ? `of a people connector (contentCategory '${PEOPLE_CONTENT_CATEGORY}') need one property labelled '${PERSON_ACCOUNT_LABEL}', which maps each item to its Entra user (build-connectors-with-people-data)`
      : `of a people connector may label only one property '${PERSON_ACCOUNT_LABEL}' (found ${accounts.map((property) => property.name).join(", ")}; build-connectors-with-people-data)`,
  }];
}
