/**
 * People settings (model/people.ts), in v1.0 and beta alike: profile sources, addressed by id or by the
 * alternate key `sourceId`, and profile property settings with their prioritized source URLs. Permissions come
 * from model/permissions.ts (PeopleSettings.ReadWrite.All to write) like every route; bodies are checked against
 * the metadata types before a handler runs (instance annotations such as `@odata.type` pass).
 *
 * As the API pages document: create answers 201 with the object, update (PATCH) 200 with the updated object
 * (profilesource-update.md, profilepropertysetting-update.md), delete 204 (the precedence setting only once it
 * holds the Entra source alone, model/people.ts). Graph keeps the built-in Entra source
 * in a setting's list, appending it when a write leaves it out (the v1.0 create and update samples).
 */
import { randomUUID } from "node:crypto";
import {
  isPrecedenceSetting,
  precedenceSettingDeleteProblem,
  PROFILE_PROPERTY_SETTING_FIELDS,
  PROFILE_PROPERTY_SETTINGS_PATH,
  PROFILE_SOURCE_UPDATABLE_FIELDS,
  PROFILE_SOURCES_PATH,
  withBuiltInSource,
} from "../../model/people";
import { TYPE_NAMES } from "../../model/types";
import { EmulatorContext } from "../context";
import { errors } from "../graphErrors";
import { EmulatorRequest, EmulatorResponse, Route, route } from "../http";
import { ProfilePropertySettingRecord, ProfileSourceRecord } from "../store";

const SOURCE = TYPE_NAMES.profileSource;
const SETTING = TYPE_NAMES.profilePropertySetting;

function sourceView(source: ProfileSourceRecord): Record<string, unknown> {
  return {
    id: source.id,
    sourceId: source.sourceId,
    displayName: source.displayName ?? null,
    kind: source.kind ?? null,
    webUrl: source.webUrl ?? null,
    localizations: source.localizations,
  };
}

function settingView(setting: ProfilePropertySettingRecord): Record<string, unknown> {
  return {
    id: setting.id,
    name: setting.name ?? null,
    displayName: setting.displayName ?? null,
    prioritizedSourceUrls: setting.prioritizedSourceUrls,
  };
}

const text = (value: unknown) => (typeof value === "string" ? value : undefined);
/** The body's properties without instance annotations (`@odata.type` and the like), which SDKs and the docs' samples send. */
const fieldsOf = (request: EmulatorRequest) =>
  Object.fromEntries(Object.entries((request.body ?? {}) as Record<string, unknown>).filter(([key]) => !key.includes("@")));

/**
 * "Only one configuration without a name is allowed per collection" (profilepropertysetting.md). The docs name
 * no status for a second one: 409 with `nameAlreadyExists` is this emulator's guess.
 */
function secondUnnamed(
  settings: Map<string, ProfilePropertySettingRecord>,
  candidate: { id?: string; name?: string },
): EmulatorResponse | undefined {
  if (!isPrecedenceSetting(candidate)) return undefined;
  const other = [...settings.values()].find((setting) => setting.id !== candidate.id && isPrecedenceSetting(setting));
  return other ? errors.conflict(`Only one profile property setting without a name is allowed; '${other.id}' is that setting.`) : undefined;
}

export function peopleRoutes(ctx: EmulatorContext): Route[] {
  const sources = ctx.store.profileSources;
  const settings = ctx.store.profilePropertySettings;
  const bySourceId = (raw: string) => sources.get(decodeURIComponent(raw).replace(/''/g, "'"));
  const byId = (id: string) => [...sources.values()].find((source) => source.id === id);
  const withSource =
    (
      find: (key: string) => ProfileSourceRecord | undefined,
      handler: (source: ProfileSourceRecord, request: EmulatorRequest) => EmulatorResponse,
    ) =>
    (request: EmulatorRequest, params: Record<string, string>): EmulatorResponse => {
      const key = params.sourceId ?? params.id;
      const source = find(key);
      return source ? handler(source, request) : errors.notFound(`Profile source '${decodeURIComponent(key)}'`);
    };
  const update = (source: ProfileSourceRecord, request: EmulatorRequest): EmulatorResponse => {
    const patch = fieldsOf(request);
    // The v1.0 update sample sends `sourceId` unchanged; "The sourceId property isn't updateable" (profilesource-configure-settings.md).
    if ("sourceId" in patch && patch.sourceId !== source.sourceId) return errors.invalidRequest("Property 'sourceId' cannot be updated.");
    const refused = Object.keys(patch).find(
      (field) => field !== "sourceId" && !(PROFILE_SOURCE_UPDATABLE_FIELDS as readonly string[]).includes(field),
    );
    if (refused) return errors.invalidRequest(`Property '${refused}' cannot be updated.`);
    if ("displayName" in patch) source.displayName = text(patch.displayName);
    if ("kind" in patch) source.kind = text(patch.kind);
    if ("webUrl" in patch) source.webUrl = text(patch.webUrl);
    if ("localizations" in patch)
      source.localizations = Array.isArray(patch.localizations) ? (patch.localizations as Array<Record<string, unknown>>) : [];
    return { status: 200, body: sourceView(source) };
  };
  const remove = (source: ProfileSourceRecord): EmulatorResponse => {
    sources.delete(source.sourceId);
    return { status: 204 };
  };
  const withSetting =
    (handler: (setting: ProfilePropertySettingRecord, request: EmulatorRequest) => EmulatorResponse) =>
    (request: EmulatorRequest, { id }: Record<string, string>): EmulatorResponse => {
      const setting = settings.get(decodeURIComponent(id));
      return setting ? handler(setting, request) : errors.notFound(`Profile property setting '${decodeURIComponent(id)}'`);
    };
  /** A written list as Graph keeps it: the Entra source appended when left out, under the version written to. */
  const kept = (list: unknown[], request: EmulatorRequest) => withBuiltInSource(list.map(String), ctx.baseUrl(), request.version);

  return [
    route(
      "POST",
      PROFILE_SOURCES_PATH,
      (request) => {
        const fields = fieldsOf(request);
        const sourceId = text(fields.sourceId);
        if (!sourceId) return errors.invalidRequest("sourceId is required.");
        if (sources.has(sourceId)) return errors.conflict(`A profile source with sourceId '${sourceId}' already exists.`);
        const source: ProfileSourceRecord = {
          id: randomUUID(),
          sourceId,
          displayName: text(fields.displayName),
          kind: text(fields.kind),
          webUrl: text(fields.webUrl),
          localizations: Array.isArray(fields.localizations) ? (fields.localizations as Array<Record<string, unknown>>) : [],
        };
        sources.set(sourceId, source);
        return { status: 201, body: sourceView(source) };
      },
      { body: SOURCE, response: SOURCE },
    ),
    route("GET", PROFILE_SOURCES_PATH, () => ({ status: 200, body: { value: [...sources.values()].map(sourceView) } }), {
      response: `Collection(${SOURCE})`,
    }),
    // "This method doesn't support OData query parameters" (profilesource-get.md, profilepropertysetting-get.md):
    // a single source or setting ignores `$select`.
    route(
      "GET",
      `${PROFILE_SOURCES_PATH}(sourceId='{sourceId}')`,
      withSource(bySourceId, (source) => ({ status: 200, body: sourceView(source) })),
      { response: SOURCE, select: false },
    ),
    route("PATCH", `${PROFILE_SOURCES_PATH}(sourceId='{sourceId}')`, withSource(bySourceId, update), { body: SOURCE, response: SOURCE }),
    route("DELETE", `${PROFILE_SOURCES_PATH}(sourceId='{sourceId}')`, withSource(bySourceId, remove)),
    route(
      "GET",
      `${PROFILE_SOURCES_PATH}/{id}`,
      withSource(byId, (source) => ({ status: 200, body: sourceView(source) })),
      { response: SOURCE, select: false },
    ),
    route("PATCH", `${PROFILE_SOURCES_PATH}/{id}`, withSource(byId, update), { body: SOURCE, response: SOURCE }),
    route("DELETE", `${PROFILE_SOURCES_PATH}/{id}`, withSource(byId, remove)),

    route(
      "POST",
      PROFILE_PROPERTY_SETTINGS_PATH,
      (request) => {
        const fields = fieldsOf(request);
        // "prioritizedSourceUrls … Required." (peopleadminsettings-post-profilepropertysettings.md)
        if (!Array.isArray(fields.prioritizedSourceUrls)) return errors.invalidRequest("prioritizedSourceUrls is required.");
        const setting: ProfilePropertySettingRecord = {
          id: randomUUID(),
          name: text(fields.name),
          displayName: text(fields.displayName),
          prioritizedSourceUrls: kept(fields.prioritizedSourceUrls, request),
        };
        const refusal = secondUnnamed(settings, setting);
        if (refusal) return refusal;
        settings.set(setting.id, setting);
        return { status: 201, body: settingView(setting) };
      },
      { body: SETTING, response: SETTING },
    ),
    route("GET", PROFILE_PROPERTY_SETTINGS_PATH, () => ({ status: 200, body: { value: [...settings.values()].map(settingView) } }), {
      response: `Collection(${SETTING})`,
    }),
    route(
      "GET",
      `${PROFILE_PROPERTY_SETTINGS_PATH}/{id}`,
      withSetting((setting) => ({ status: 200, body: settingView(setting) })),
      { response: SETTING, select: false },
    ),
    route(
      "PATCH",
      `${PROFILE_PROPERTY_SETTINGS_PATH}/{id}`,
      withSetting((setting, request) => {
        const patch = fieldsOf(request);
        const refused = Object.keys(patch).find((field) => !(PROFILE_PROPERTY_SETTING_FIELDS as readonly string[]).includes(field));
        if (refused) return errors.invalidRequest(`Property '${refused}' cannot be updated.`);
        if ("name" in patch) {
          const refusal = secondUnnamed(settings, { id: setting.id, name: text(patch.name) });
          if (refusal) return refusal;
          setting.name = text(patch.name);
        }
        if ("displayName" in patch) setting.displayName = text(patch.displayName);
        if (Array.isArray(patch.prioritizedSourceUrls)) setting.prioritizedSourceUrls = kept(patch.prioritizedSourceUrls, request);
        return { status: 200, body: settingView(setting) };
      }),
      { body: SETTING, response: SETTING },
    ),
    route(
      "DELETE",
      `${PROFILE_PROPERTY_SETTINGS_PATH}/{id}`,
      withSetting((setting) => {
        // The status of this refusal is not documented (docs/open-questions.md, precedence-setting-delete): 400 is the emulator's reading.
        const refused = precedenceSettingDeleteProblem(setting);
        if (refused) return errors.invalidRequest(refused);
        settings.delete(setting.id);
        return { status: 204 };
      }),
    ),
  ];
}
