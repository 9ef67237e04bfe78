/**
 * externalConnection: id rules, limits, enums, field sets per API version, and the service's validation of a
 * connection body (everything but the id). Shared by the provider's `check` and the emulator. Paths are relative
 * to the connection, e.g. `searchSettings.searchResultTemplates[0].layout`.
 * Sources: metadata type `externalConnectors.externalConnection`; docs resources/externalconnectors-externalconnection.md,
 * api/externalconnectors-external-post-connections.md, -externalconnection-update.md (graph-api.md section 1).
 */
import { ApiVersion } from "./apiVersion";
import { settableMembers } from "./enums";
import { ENUMS } from "./enumRegistry";
import { Problem } from "./problem";
import { TYPE_NAMES, writableProperties } from "./types";

/** 3-32 alphanumeric characters (a hyphen gives 400 InvalidRequest, msgraph-search-connector-sample#15). */
export const CONNECTION_ID_PATTERN = /^[A-Za-z0-9]{3,32}$/;

/** Ids the service refuses (compared case-insensitively), besides anything beginning with "Microsoft". */
export const RESERVED_CONNECTION_IDS: readonly string[] = [
  "None",
  "Directory",
  "Exchange",
  "ExchangeArchive",
  "LinkedIn",
  "Mailbox",
  "OneDriveBusiness",
  "SharePoint",
  "Teams",
  "Yammer",
  "Connectors",
  "TaskFabric",
  "PowerBI",
  "Assistant",
  "TopicEngine",
  "MSFT_All_Connectors",
];

export const CONNECTION_NAME_MAX_LENGTH = 128;
/** "A maximum of two result templates per connection" (searchSettings docs); eDiscovery templates likewise (complianceSettings docs). */
export const RESULT_TEMPLATES_MAX = 2;
/** displayTemplate ids: at most 16 alphanumeric characters. */
export const TEMPLATE_ID_PATTERN = /^[A-Za-z0-9]{1,16}$/;
/** eDiscovery renders Adaptive Cards up to version 1.2 only (beta complianceSettings docs). */
export const EDISCOVERY_CARD_VERSION_MAX = 1.2;

/** Entra object and application ids. */
export const GUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const CONTENT_CATEGORIES = settableMembers(ENUMS["microsoft.graph.externalConnectors.contentCategory"].members);
export const CONTENT_EXPERIENCES = settableMembers(ENUMS["microsoft.graph.externalConnectors.contentExperienceType"].members);
export const RULE_OPERATIONS = settableMembers(ENUMS["microsoft.graph.externalConnectors.ruleOperation"].members);

/** Fields a create may carry in a version (the metadata's writable properties, `id` aside). */
export function connectionFields(version: ApiVersion): string[] {
  return writableProperties(TYPE_NAMES.externalConnection, version).filter((field) => field !== "id");
}

/** Fields set at create that PATCH cannot change (the update docs list only name, description and configuration; connectorId is the Teams app). */
export const CREATE_ONLY_CONNECTION_FIELDS: readonly string[] = ["connectorId"];

/** Fields PATCH may change in a version. */
export function updatableConnectionFields(version: ApiVersion): string[] {
  return connectionFields(version).filter((field) => !CREATE_ONLY_CONNECTION_FIELDS.includes(field));
}

/** Fields only beta declares (complianceSettings, enabledContentExperiences): a connection using one is managed through /beta. */
export const BETA_ONLY_CONNECTION_FIELDS: readonly string[] = connectionFields("beta").filter(
  (field) => !connectionFields("v1.0").includes(field),
);

/** Why a connection id is refused, or undefined when the service accepts it. */
export function connectionIdProblem(id: string): string | undefined {
  if (!CONNECTION_ID_PATTERN.test(id)) return "must be 3-32 characters, letters and digits only";
  if (/^microsoft/i.test(id)) return "must not begin with 'Microsoft'";
  if (RESERVED_CONNECTION_IDS.some((reserved) => reserved.toLowerCase() === id.toLowerCase()))
    return `'${id}' is reserved by Microsoft 365`;
  return undefined;
}

export interface ConnectionProblem extends Problem {
  /** A broken Adaptive Card: the service still creates the connection but answers 503 (docs known issue, graph-api.md 1.4). */
  brokenCard?: boolean;
}

const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === "object" && !Array.isArray(value);

function isRegex(source: string): boolean {
  try {
    new RegExp(source);
    return true;
  } catch {
    return false;
  }
}

/**
 * Whether an Adaptive Card layout is one the service can register. A broken card is the trigger of the
 * documented "503 then 409" known issue, so the emulator uses this to decide when to reproduce it.
 */
export function adaptiveCardProblem(layout: unknown): string | undefined {
  if (!isObject(layout)) return "layout must be an Adaptive Card object";
  if (layout.type !== "AdaptiveCard") return "layout.type must be 'AdaptiveCard'";
  if (typeof layout.version !== "string" || !/^\d+\.\d+$/.test(layout.version)) return "layout.version must look like '1.3'";
  if (layout.body !== undefined && !Array.isArray(layout.body)) return "layout.body must be an array";
  return undefined;
}

function cardVersionAbove(layout: unknown, max: number): boolean {
  const version = Number((layout as { version?: unknown } | null)?.version);
  return Number.isFinite(version) && version > max;
}

function templateProblems(templates: unknown, at: string, maxCardVersion?: number): ConnectionProblem[] {
  if (!Array.isArray(templates)) return [{ path: at, reason: "must be a list" }];
  const problems: ConnectionProblem[] = [];
  if (templates.length > RESULT_TEMPLATES_MAX)
    problems.push({ path: at, reason: `at most ${RESULT_TEMPLATES_MAX} templates per connection, not ${templates.length}` });
  templates.forEach((template, index) => {
    const path = `${at}[${index}]`;
    if (!isObject(template)) {
      problems.push({ path, reason: "must be an object" });
      return;
    }
    if (typeof template.id !== "string" || !TEMPLATE_ID_PATTERN.test(template.id))
      problems.push({ path: `${path}.id`, reason: "must be 1-16 letters and digits" });
    // Int32, not nullable; the docs' own sample uses priority 0, and lower is evaluated first.
    if (!Number.isInteger(template.priority) || (template.priority as number) < 0)
      problems.push({ path: `${path}.priority`, reason: "must be an integer of 0 or more" });
    const cardProblem = adaptiveCardProblem(template.layout);
    if (cardProblem) problems.push({ path: `${path}.layout`, reason: cardProblem, brokenCard: true });
    else if (maxCardVersion !== undefined && cardVersionAbove(template.layout, maxCardVersion)) {
      problems.push({ path: `${path}.layout`, reason: `eDiscovery supports Adaptive Cards up to version ${maxCardVersion}` });
    }
    const rules = template.rules ?? [];
    if (!Array.isArray(rules)) {
      problems.push({ path: `${path}.rules`, reason: "must be a list" });
      return;
    }
    rules.forEach((rule, ruleIndex) => {
      const rulePath = `${path}.rules[${ruleIndex}]`;
      if (!isObject(rule) || typeof rule.property !== "string" || rule.property === "") {
        problems.push({ path: `${rulePath}.property`, reason: "must name a schema property" });
        return;
      }
      if (!RULE_OPERATIONS.includes(rule.operation as string))
        problems.push({ path: `${rulePath}.operation`, reason: `must be one of ${RULE_OPERATIONS.join(", ")}` });
      if (!Array.isArray(rule.values) || rule.values.some((value) => typeof value !== "string"))
        problems.push({ path: `${rulePath}.values`, reason: "must be a list of strings" });
      if (rule.valuesJoinedBy !== "or" && rule.valuesJoinedBy !== "and")
        problems.push({ path: `${rulePath}.valuesJoinedBy`, reason: "must be 'or' or 'and'" });
    });
  });
  return problems;
}

/** itemIdResolver: `itemId` is required; `priority` and `urlMatchInfo` (and its members) are nullable in the metadata. */
function resolverProblems(resolvers: unknown, at: string): ConnectionProblem[] {
  if (!Array.isArray(resolvers)) return [{ path: at, reason: "must be a list" }];
  const problems: ConnectionProblem[] = [];
  resolvers.forEach((resolver, index) => {
    const path = `${at}[${index}]`;
    if (!isObject(resolver)) {
      problems.push({ path, reason: "must be an object" });
      return;
    }
    if (resolver.priority !== undefined && resolver.priority !== null && !Number.isInteger(resolver.priority))
      problems.push({ path: `${path}.priority`, reason: "must be an integer" });
    if (typeof resolver.itemId !== "string" || resolver.itemId === "")
      problems.push({ path: `${path}.itemId`, reason: "must be a pattern such as '{slug}'" });
    const match = resolver.urlMatchInfo;
    if (match === undefined || match === null) return;
    if (!isObject(match)) {
      problems.push({ path: `${path}.urlMatchInfo`, reason: "must be an object with baseUrls and urlPattern" });
      return;
    }
    if (
      match.baseUrls !== undefined &&
      match.baseUrls !== null &&
      (!Array.isArray(match.baseUrls) || match.baseUrls.some((url) => typeof url !== "string" || !/^https?:\/\//.test(url)))
    ) {
      problems.push({ path: `${path}.urlMatchInfo.baseUrls`, reason: "must be a list of http(s) URLs" });
    }
    if (
      match.urlPattern !== undefined &&
      match.urlPattern !== null &&
      (typeof match.urlPattern !== "string" || !isRegex(match.urlPattern))
    ) {
      problems.push({ path: `${path}.urlMatchInfo.urlPattern`, reason: "must be a valid regular expression" });
    }
  });
  return problems;
}

/** Problems of the connection fields present in `body`; `requireName` for creates. */
export function connectionProblems(body: Record<string, unknown>, requireName: boolean): ConnectionProblem[] {
  const problems: ConnectionProblem[] = [];
  if (body.name !== undefined || requireName) {
    if (typeof body.name !== "string" || body.name.trim() === "") problems.push({ path: "name", reason: "is required" });
    else if (body.name.length > CONNECTION_NAME_MAX_LENGTH)
      problems.push({ path: "name", reason: `must be at most ${CONNECTION_NAME_MAX_LENGTH} characters, not ${body.name.length}` });
  }
  if (body.description !== undefined && body.description !== null && typeof body.description !== "string")
    problems.push({ path: "description", reason: "must be a string" });
  if (body.connectorId !== undefined && body.connectorId !== null && typeof body.connectorId !== "string")
    problems.push({ path: "connectorId", reason: "must be a string (the Teams app id)" });
  if (body.contentCategory !== undefined && !CONTENT_CATEGORIES.includes(body.contentCategory as string)) {
    problems.push({ path: "contentCategory", reason: `must be one of ${CONTENT_CATEGORIES.join(", ")}` });
  }
  if (body.configuration !== undefined) {
    const ids = isObject(body.configuration) ? body.configuration.authorizedAppIds : undefined;
    if (
      !isObject(body.configuration) ||
      (ids !== undefined && (!Array.isArray(ids) || ids.some((id) => typeof id !== "string" || !GUID_PATTERN.test(id))))
    ) {
      problems.push({ path: "configuration.authorizedAppIds", reason: "must be a list of Entra application (client) ids (GUIDs)" });
    }
  }
  if (body.searchSettings !== undefined) {
    if (!isObject(body.searchSettings)) problems.push({ path: "searchSettings", reason: "must be an object" });
    else if (body.searchSettings.searchResultTemplates !== undefined) {
      problems.push(...templateProblems(body.searchSettings.searchResultTemplates, "searchSettings.searchResultTemplates"));
    }
  }
  if (body.complianceSettings !== undefined) {
    if (!isObject(body.complianceSettings)) problems.push({ path: "complianceSettings", reason: "must be an object" });
    else if (body.complianceSettings.eDiscoveryResultTemplates !== undefined) {
      problems.push(
        ...templateProblems(
          body.complianceSettings.eDiscoveryResultTemplates,
          "complianceSettings.eDiscoveryResultTemplates",
          EDISCOVERY_CARD_VERSION_MAX,
        ),
      );
    }
  }
  if (body.enabledContentExperiences !== undefined) {
    const values =
      typeof body.enabledContentExperiences === "string" ? body.enabledContentExperiences.split(",").map((value) => value.trim()) : [];
    if (values.length === 0 || values.some((value) => !CONTENT_EXPERIENCES.includes(value))) {
      problems.push({
        path: "enabledContentExperiences",
        reason: `must be a comma-separated list of ${CONTENT_EXPERIENCES.join(", ")}, e.g. "search, compliance"`,
      });
    }
  }
  if (body.activitySettings !== undefined) {
    if (!isObject(body.activitySettings)) problems.push({ path: "activitySettings", reason: "must be an object" });
    else if (body.activitySettings.urlToItemResolvers !== undefined) {
      problems.push(...resolverProblems(body.activitySettings.urlToItemResolvers, "activitySettings.urlToItemResolvers"));
    }
  }
  return problems;
}

/** The connections collection, relative to a version root (graph-api.md section 0). */
export const CONNECTIONS_PATH = "/external/connections";

/** The URL path of a connection, relative to a version root. */
export function connectionPath(connectionId: string): string {
  return `${CONNECTIONS_PATH}/${encodeURIComponent(connectionId)}`;
}

/** Beta only: the items a connection may still hold (`quota` navigation, connectionQuota). */
export function connectionQuotaPath(connectionId: string): string {
  return `${connectionPath(connectionId)}/quota`;
}

/**
 * The connection a request works on, from its path (relative to a version root, or a full URL path with the
 * version): the unit of Graph's limit of concurrent operations (model/limits.ts). Undefined for requests on
 * no single connection (the collection, `$batch`).
 */
export function connectionIdOf(path: string): string | undefined {
  const match = /\/external\/connections\/([^/?]+)/.exec(path);
  return match ? decodeURIComponent(match[1]) : undefined;
}
