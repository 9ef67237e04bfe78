/**
 * People settings (model/people.ts): profile sources, addressed by id or by the alternate key `sourceId`, and
 * profile property settings with their prioritized source URLs. Permissions come from model/permissions.ts
 * (PeopleSettings.ReadWrite.All to write) like every route.
 */
import { randomUUID } from "node:crypto";
import { PROFILE_PROPERTY_SETTINGS_PATH, PROFILE_SOURCE_UPDATABLE_FIELDS, PROFILE_SOURCES_PATH } from "../../model/people";
import { TYPE_NAMES } from "../../model/types";
import { EmulatorContext } from "../context";
import { errors } from "../graphErrors";
import { EmulatorRequest, EmulatorResponse, Route, route } from "../http";
import { ProfilePropertySettingRecord, ProfileSourceRecord } from "../store";

const SOURCE = TYPE_NAMES.profileSource;
const SETTING = TYPE_NAMES.profilePropertySetting;

function sourceView(source: ProfileSourceRecord): Record<string, unknown> {
  return {
    id: source.id, sourceId: source.sourceId, displayName: source.displayName ?? null, kind: source.kind ?? null,
    webUrl: source.webUrl ?? null, localizations: source.localizations,
  };
}

function settingView(setting: ProfilePropertySettingRecord): Record<string, unknown> {
  return { id: setting.id, name: setting.name ?? null, displayName: setting.displayName ?? null, prioritizedSourceUrls: setting.prioritizedSourceUrls };
}

const text = (value: unknown) => (typeof value === "string" ? value : undefined);
const body = (request: EmulatorRequest) => (request.body ?? {}) as Record<string, unknown>;

export function peopleRoutes(ctx: EmulatorContext): Route[] {
  const sources = ctx.store.profileSources;
  const settings = ctx.store.profilePropertySettings;
  const bySourceId = (raw: string) => sources.get(decodeURIComponent(raw).replace(/''/g, "'"));
  const byId = (id: string) => [...sources.values()].find((source) => source.id === id);
  const withSource = (find: (key: string) => ProfileSourceRecord | undefined, handler: (source: ProfileSourceRecord, request: EmulatorRequest) => EmulatorResponse) =>
    (request: EmulatorRequest, params: Record<string, string>): EmulatorResponse => {
      const key = params.sourceId ?? params.id;
      const source = find(key);
      return source ? handler(source, request) : errors.notFound(`Profile source '${decodeURIComponent(key)}'`);
    };
  const update = (source: ProfileSourceRecord, request: EmulatorRequest): EmulatorResponse => {
    const patch = body(request);
    const refused = Object.keys(patch).find((field) => !(PROFILE_SOURCE_UPDATABLE_FIELDS as readonly string[]).includes(field));
    if (refused) return errors.invalidRequest(`Property '${refused}' cannot be updated.`);
    if ("displayName" in patch) source.displayName = text(patch.displayName);
    if ("kind" in patch) source.kind = text(patch.kind);
    if ("webUrl" in patch) source.webUrl = text(patch.webUrl);
    if ("localizations" in patch) source.localizations = Array.isArray(patch.localizations) ? patch.localizations as Array<Record<string, unknown>> : [];
    return { status: 204 };
  };
  const remove = (source: ProfileSourceRecord): EmulatorResponse => {
    sources.delete(source.sourceId);
    return { status: 204 };
  };
  const withSetting = (handler: (setting: ProfilePropertySettingRecord, request: EmulatorRequest) => EmulatorResponse) =>
    (request: EmulatorRequest, { id }: Record<string, string>): EmulatorResponse => {
      const setting = settings.get(decodeURIComponent(id));
      return setting ? handler(setting, request) : errors.notFound(`Profile property setting '${decodeURIComponent(id)}'`);
    };

  return [
    route("POST", PROFILE_SOURCES_PATH, (request) => {
      const fields = body(request);
      const sourceId = text(fields.sourceId);
      if (!sourceId) return errors.invalidRequest("sourceId is required.");
      if (sources.has(sourceId)) return errors.conflict(`A profile source with sourceId '${sourceId}' already exists.`);
      const source: ProfileSourceRecord = {
        id: randomUUID(), sourceId, displayName: text(fields.displayName), kind: text(fields.kind), webUrl: text(fields.webUrl),
        localizations: Array.isArray(fields.localizations) ? fields.localizations as Array<Record<string, unknown>> : [],
      };
      sources.set(sourceId, source);
      return { status: 201, body: sourceView(source) };
    }, { body: SOURCE, response: SOURCE }),
    route("GET", PROFILE_SOURCES_PATH, () => ({ status: 200, body: { value: [...sources.values()].map(sourceView) } }), { response: `Collection(${SOURCE})` }),
    route("GET", `${PROFILE_SOURCES_PATH}(sourceId='{sourceId}')`, withSource(bySourceId, (source) => ({ status: 200, body: sourceView(source) })), { response: SOURCE }),
    route("PATCH", `${PROFILE_SOURCES_PATH}(sourceId='{sourceId}')`, withSource(bySourceId, update), { body: SOURCE }),
    route("DELETE", `${PROFILE_SOURCES_PATH}(sourceId='{sourceId}')`, withSource(bySourceId, remove)),
    route("GET", `${PROFILE_SOURCES_PATH}/{id}`, withSource(byId, (source) => ({ status: 200, body: sourceView(source) })), { response: SOURCE }),
    route("PATCH", `${PROFILE_SOURCES_PATH}/{id}`, withSource(byId, update), { body: SOURCE }),
    route("DELETE", `${PROFILE_SOURCES_PATH}/{id}`, withSource(byId, remove)),

    route("POST", PROFILE_PROPERTY_SETTINGS_PATH, (request) => {
      const fields = body(request);
      const setting: ProfilePropertySettingRecord = {
        id: randomUUID(), name: text(fields.name), displayName: text(fields.displayName),
        prioritizedSourceUrls: Array.isArray(fields.prioritizedSourceUrls) ? fields.prioritizedSourceUrls.map(String) : [],
      };
      if (setting.name && [...settings.values()].some((other) => other.name === setting.name)) {
        return errors.conflict(`A profile property setting named '${setting.name}' already exists.`);
      }
      settings.set(setting.id, setting);
      return { status: 201, body: settingView(setting) };
    }, { body: SETTING, response: SETTING }),
    route("GET", PROFILE_PROPERTY_SETTINGS_PATH, () => ({ status: 200, body: { value: [...settings.values()].map(settingView) } }), { response: `Collection(${SETTING})` }),
    route("GET", `${PROFILE_PROPERTY_SETTINGS_PATH}/{id}`, withSetting((setting) => ({ status: 200, body: settingView(setting) })), { response: SETTING }),
    route("PATCH", `${PROFILE_PROPERTY_SETTINGS_PATH}/{id}`, withSetting((setting, request) => {
      const patch = body(request);
      const refused = Object.keys(patch).find((field) => field !== "displayName" && field !== "prioritizedSourceUrls");
      if (refused) return errors.invalidRequest(`Property '${refused}' cannot be updated.`);
      if ("displayName" in patch) setting.displayName = text(patch.displayName);
      if (Array.isArray(patch.prioritizedSourceUrls)) setting.prioritizedSourceUrls = patch.prioritizedSourceUrls.map(String);
      return { status: 204 };
    }), { body: SETTING }),
    route("DELETE", `${PROFILE_PROPERTY_SETTINGS_PATH}/{id}`, withSetting((setting) => {
      settings.delete(setting.id);
      return { status: 204 };
    })),
  ];
}
