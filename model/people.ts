/**
 * People connectors: a connection whose items enrich Microsoft 365 user profiles, registered as a profile
 * source and placed in the tenant's source precedence list.
 *
 * Sources (read 2026-12):
 * - PEOPLE_DATA_PAGE, MicrosoftDocs/m365copilot-docs docs/build-connectors-with-people-data.md (ms.date
 *   2026-07-20): contentCategory `people`, one `personAccount` property, the label table (model/schema.ts), the
 *   labels, types and attributes it does not support or ignores, registration with an HTTPS `webUrl`, and the
 *   entry form `https://graph.microsoft.com/v1.0/admin/people/profileSources(sourceId='connectionId')`.
 * - microsoft-graph-docs-contrib api-reference/v1.0/resources/profilepropertysetting.md (2026-03-16): "When
 *   you configure the **prioritizedSourceUrls** setting, the **name** property *must* be empty to differentiate
 *   it from other property-level settings in the collection that have a **name** property. Only one
 *   configuration without a name is allowed per collection."
 * - concepts/profilepriority-configure-profilepropertysetting.md (2025-05-02): "The priority source URLs are
 *   arranged according to data precedence, with the first item in the collection having the highest
 *   priority"; its samples write entries as `/external/connections/<connectionId>` and show Entra as
 *   `https://login.microsoftonline.com`. Its 2026-06-08 version ("Manage profile source precedence in
 *   Microsoft 365") adds when the setting may be deleted (precedenceSettingDeleteProblem).
 * - concepts/profilesource-configure-settings.md (2025-04-30): the built-in Entra source (`kind` "MSEntra");
 *   "The **sourceId** property isn't updateable".
 * - the profileSource API pages (2026-02-10) include includes/global-only.md: Global service only, no US
 *   Government L4/L5, no 21Vianet.
 * - the metadata extract `v1.0-people-admin.csdl.xml` and beta-type-mappings.json (model/types.ts).
 * - Microsoft's sample microsoftgraph/msgraph-people-connector-sample-dotnet src/Program.cs: the setting
 *   `SingleOrDefault(x => x.Name is null)`, the source inserted at index 0, PATCH.
 */
import { Problem } from "./problem";

export const PEOPLE_DATA_PAGE = "https://learn.microsoft.com/microsoft-365-copilot/extensibility/build-connectors-with-people-data";
export const PRECEDENCE_SETTING_PAGE = "https://learn.microsoft.com/graph/api/resources/profilepropertysetting";

/** The content category that makes a connection a people connector. */
export const PEOPLE_CONTENT_CATEGORY = "people";
/** The label that maps an item to its Entra user; a people connector's schema has exactly one. */
export const PERSON_ACCOUNT_LABEL = "personAccount";

/** People-data page, Notes and limitations: "The following labels aren't currently supported: …". */
export const UNSUPPORTED_PEOPLE_LABELS: readonly string[] = [
  "personManager",
  "personAssistants",
  "personColleagues",
  "personAlternateContacts",
  "personEmergencyContacts",
];
/**
 * People-data page: "The Copilot connector `principal` and `principalCollection` schema property types aren't
 * currently supported. Use the `colleagues` collection of the `workPosition` entity to create relationships."
 */
export const UNSUPPORTED_PEOPLE_TYPES: readonly string[] = ["principal", "principalCollection"];

export const PEOPLE_ADMIN_PATH = "/admin/people";
export const PROFILE_SOURCES_PATH = `${PEOPLE_ADMIN_PATH}/profileSources`;
export const PROFILE_PROPERTY_SETTINGS_PATH = `${PEOPLE_ADMIN_PATH}/profilePropertySettings`;

/**
 * Where profile sources and their precedence can be managed: the profileSource pages carry the global-only
 * table (Global service ✅, US Government L4 ❌, US Government L5 (DOD) ❌, 21Vianet ❌). A precedence entry names
 * a profile source, so it is bound to the same clouds.
 */
export const PEOPLE_SETTINGS_CLOUDS: readonly string[] = ["global"];

/**
 * The built-in Microsoft Entra ID source (profilesource-configure-settings.md, `kind` "MSEntra"). Graph keeps
 * it in the precedence list: the v1.0 create and update samples send a list without it and answer with it
 * appended (peopleadminsettings-post-profilepropertysettings.md, profilepropertysetting-update.md).
 */
export const ENTRA_SOURCE_ID = "4ce763dd-9214-4eff-af7c-da491cc3782d";
/** How the older precedence guide's samples write the Entra source's entry. */
const ENTRA_LEGACY_ENTRY = "https://login.microsoftonline.com";

/** A profile source addressed by its alternate key `sourceId` (the connection id for a people connector). */
export function profileSourcePath(sourceId: string): string {
  return `${PROFILE_SOURCES_PATH}(sourceId='${encodeURIComponent(sourceId.replace(/'/g, "''"))}')`;
}

export function profilePropertySettingPath(id: string): string {
  return `${PROFILE_PROPERTY_SETTINGS_PATH}/${encodeURIComponent(id)}`;
}

/** The fields of a profileSource an update may send (metadata); `sourceId` is set at create only. */
export const PROFILE_SOURCE_UPDATABLE_FIELDS = ["displayName", "kind", "webUrl", "localizations"] as const;
/** The fields of a profilePropertySetting a create or update may send (profilepropertysetting-update.md). */
export const PROFILE_PROPERTY_SETTING_FIELDS = ["displayName", "name", "prioritizedSourceUrls"] as const;

/**
 * The entry of a profile source in `prioritizedSourceUrls`, in the form the people-data page documents: the
 * source's Graph URL by its alternate key, under the Graph root in use.
 */
export function profileSourceUrl(graphRoot: string, sourceId: string, version = "v1.0"): string {
  return `${graphRoot.replace(/\/+$/, "")}/${version}${profileSourcePath(sourceId)}`;
}

function decoded(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * The sourceId an entry of `prioritizedSourceUrls` names, in either documented form and on any Graph host or
 * version: `…/admin/people/profileSources(sourceId='x')` (people-data page, the API samples) or
 * `/external/connections/x` (the precedence guide), and the guide's `https://login.microsoftonline.com` for
 * Entra. Undefined for an entry in neither form.
 */
export function sourceIdOfEntry(entry: string): string | undefined {
  const text = decoded(entry.trim());
  if (text.replace(/\/+$/, "").toLowerCase() === ENTRA_LEGACY_ENTRY) return ENTRA_SOURCE_ID;
  const source = /\/admin\/people\/profileSources\(sourceId='((?:[^']|'')*)'\)\/?$/i.exec(text);
  if (source) return source[1].replace(/''/g, "'");
  const connection = /(?:^|\/)external\/connections\/([^/?#]+)\/?$/i.exec(text);
  return connection ? connection[1] : undefined;
}

/**
 * Whether two sourceIds name the same source. Compared without case: connection ids and GUIDs are not
 * case-sensitive, and a second entry for one source would be the duplicate the list must never hold.
 */
export function sameSourceId(a: string | undefined, b: string | undefined): boolean {
  return a !== undefined && b !== undefined && a.toLowerCase() === b.toLowerCase();
}

/** Whether an entry names the profile source `sourceId`, in any of its forms. */
export const namesSource =
  (sourceId: string) =>
  (entry: string): boolean =>
    sameSourceId(sourceIdOfEntry(entry), sourceId);

/** Whether an entry names the built-in Entra source. */
export const isEntraEntry = namesSource(ENTRA_SOURCE_ID);

/**
 * The list as Graph keeps it after a write (the create and update samples): the Entra source appended when the
 * written list leaves it out, in the profileSources form under `graphRoot` and `version`.
 */
export function withBuiltInSource(list: readonly string[], graphRoot: string, version: string): string[] {
  return list.some(isEntraEntry) ? [...list] : [...list, profileSourceUrl(graphRoot, ENTRA_SOURCE_ID, version)];
}

/** Whether a profilePropertySetting is the tenant's precedence setting: its `name` is empty (null, "" or absent). */
export function isPrecedenceSetting(setting: { name?: unknown }): boolean {
  return setting.name === undefined || setting.name === null || setting.name === "";
}

/**
 * Why Graph refuses to delete a profile property setting, or undefined. The precedence guide (2026-06-08): "You
 * shouldn't delete a **profilePropertySetting** that includes a source precedence configuration. Instead, patch
 * it to a default state that contains only the Entra ID source reference. A Delete operation is supported only
 * after the setting was patched to this default state, and it fails unless the **prioritizedSourceUrls**
 * property contains only the Entra ID source reference." Held to the precedence setting (the one without a
 * name), which is what "a source precedence configuration" is; the status of the refusal is not documented.
 */
export function precedenceSettingDeleteProblem(setting: { name?: unknown; prioritizedSourceUrls: readonly string[] }): string | undefined {
  if (!isPrecedenceSetting(setting)) return undefined;
  const list = setting.prioritizedSourceUrls;
  return list.length === 1 && isEntraEntry(list[0])
    ? undefined
    : "A profile property setting with a source precedence configuration can be deleted only once its prioritizedSourceUrls holds the Entra ID source alone; patch it to that default state first.";
}

interface PeopleSchemaProperty {
  name: string;
  type: string;
  labels?: readonly string[];
}

/**
 * A people connector's schema against the people-data page: one `personAccount` property ("The schema must
 * have one property with the `personAccount` label"), none of the labels or property types it says aren't
 * supported. Whether Graph refuses these at registration or accepts and ignores them is not documented; they
 * cannot work either way, so they are refused.
 */
export function peopleSchemaProblems(properties: readonly PeopleSchemaProperty[], basePath = "schema"): Problem[] {
  const problems: Problem[] = [];
  properties.forEach((property, index) => {
    const at = `${basePath}.properties[${index}]`;
    for (const label of property.labels ?? []) {
      if (UNSUPPORTED_PEOPLE_LABELS.includes(label)) {
        problems.push({
          path: `${at}.labels`,
          reason: `label '${label}' isn't supported in a people connector (build-connectors-with-people-data, Notes and limitations)`,
        });
      }
    }
    if (UNSUPPORTED_PEOPLE_TYPES.includes(property.type)) {
      problems.push({
        path: `${at}.type`,
        reason: `${property.type} properties aren't supported in a people connector; use the colleagues of the workPosition entity for relationships (build-connectors-with-people-data, Notes and limitations)`,
      });
    }
  });
  const accounts = properties.filter((property) => (property.labels ?? []).includes(PERSON_ACCOUNT_LABEL));
  if (accounts.length !== 1) {
    problems.push({
      path: `${basePath}.properties`,
      reason:
        accounts.length === 0
          ? `of a people connector (contentCategory '${PEOPLE_CONTENT_CATEGORY}') need one property labelled '${PERSON_ACCOUNT_LABEL}', which maps each item to its Entra user (build-connectors-with-people-data)`
          : `of a people connector may label only one property '${PERSON_ACCOUNT_LABEL}' (found ${accounts.map((property) => property.name).join(", ")}; build-connectors-with-people-data)`,
    });
  }
  return problems;
}

/**
 * A profile source registering a people connector: the people-data page registers it "with `sourceId` set to
 * the connection ID of your connector and the `webUrl` property set to an HTTPS link to either the external
 * system or a page with additional information about the source". The profile source API itself takes other
 * links (its PowerShell sample and the localizations in its samples use http), so this is a check of the
 * provider, not a refusal of the emulator.
 */
export function profileSourceProblems(source: { webUrl?: unknown }): Problem[] {
  if (typeof source.webUrl !== "string") return [];
  let protocol: string | undefined;
  try {
    protocol = new URL(source.webUrl).protocol;
  } catch {
    return [
      {
        path: "webUrl",
        reason: `'${source.webUrl}' is not a URL; a people connector's profile source links to its system with an HTTPS URL (build-connectors-with-people-data)`,
      },
    ];
  }
  return protocol === "https:"
    ? []
    : [
        {
          path: "webUrl",
          reason: `must be an HTTPS link (got ${protocol}//…; build-connectors-with-people-data, "Registering the connection as a profile source")`,
        },
      ];
}
