/**
 * Validation of an externalConnection body (everything but the id), shared by the provider's `check` and the
 * emulator. Paths are relative to the connection, e.g. `searchSettings.searchResultTemplates[0].layout`.
 */
import {
  adaptiveCardProblem, CONNECTION_NAME_MAX_LENGTH, CONTENT_CATEGORIES, GUID_PATTERN, RULE_OPERATIONS,
  SEARCH_RESULT_TEMPLATES_MAX, TEMPLATE_ID_PATTERN,
} from "./rules";
import { Problem } from "./schema";

export interface ConnectionProblem extends Problem {
  /** A broken Adaptive Card: the service still creates the connection but answers 503 (graph-api.md 1.4). */
  brokenCard?: boolean;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === "object" && !Array.isArray(value);

function isRegex(source: string): boolean {
  try {
    new RegExp(source);
    return true;
  } catch {
    return false;
  }
}

/** Content experiences a beta connection can enable (a flag enum sent as "search, compliance"). */
export const CONTENT_EXPERIENCES = ["search", "compliance"] as const;
/** Connection fields that exist only in the beta API. */
export const BETA_CONNECTION_FIELDS = ["complianceSettings", "enabledContentExperiences"] as const;

/** eDiscovery renders Adaptive Cards up to version 1.2 only. */
function cardVersionAbove(layout: unknown, max: number): boolean {
  const version = Number((layout as { version?: unknown } | null)?.version);
  return Number.isFinite(version) && version > max;
}

function templateProblems(templates: unknown, at: string, options: { max?: number; maxCardVersion?: number } = {}): ConnectionProblem[] {
  if (!Array.isArray(templates)) return [{ path: at, reason: "must be a list" }];
  const problems: ConnectionProblem[] = [];
  if (options.max !== undefined && templates.length > options.max) {
    problems.push({ path: at, reason: `at most ${options.max} result templates per connection, not ${templates.length}` });
  }
  templates.forEach((template, index) => {
    const path = `${at}[${index}]`;
    if (!isObject(template)) { problems.push({ path, reason: "must be an object" }); return; }
    if (typeof template.id !== "string" || !TEMPLATE_ID_PATTERN.test(template.id)) {
      problems.push({ path: `${path}.id`, reason: "must be 1-16 letters and digits" });
    }
    if (!Number.isInteger(template.priority) || (template.priority as number) < 1) {
      problems.push({ path: `${path}.priority`, reason: "must be a positive integer" });
    }
    const cardProblem = adaptiveCardProblem(template.layout);
    if (cardProblem) problems.push({ path: `${path}.layout`, reason: cardProblem, brokenCard: true });
    else if (options.maxCardVersion !== undefined && cardVersionAbove(template.layout, options.maxCardVersion)) {
      problems.push({ path: `${path}.layout`, reason: `eDiscovery supports Adaptive Cards up to version ${options.maxCardVersion}` });
    }
    const rules = template.rules ?? [];
    if (!Array.isArray(rules)) { problems.push({ path: `${path}.rules`, reason: "must be a list" }); return; }
    rules.forEach((rule, ruleIndex) => {
      const rulePath = `${path}.rules[${ruleIndex}]`;
      if (!isObject(rule) || typeof rule.property !== "string" || rule.property === "") {
        problems.push({ path: `${rulePath}.property`, reason: "must name a schema property" });
        return;
      }
      if (!RULE_OPERATIONS.includes(rule.operation as never)) problems.push({ path: `${rulePath}.operation`, reason: `must be one of ${RULE_OPERATIONS.join(", ")}` });
      if (!Array.isArray(rule.values) || rule.values.some((value) => typeof value !== "string")) problems.push({ path: `${rulePath}.values`, reason: "must be a list of strings" });
      if (rule.valuesJoinedBy !== "or" && rule.valuesJoinedBy !== "and") problems.push({ path: `${rulePath}.valuesJoinedBy`, reason: "must be 'or' or 'and'" });
    });
  });
  return problems;
}

function resolverProblems(resolvers: unknown, at: string): ConnectionProblem[] {
  if (!Array.isArray(resolvers)) return [{ path: at, reason: "must be a list" }];
  const problems: ConnectionProblem[] = [];
  resolvers.forEach((resolver, index) => {
    const path = `${at}[${index}]`;
    if (!isObject(resolver)) { problems.push({ path, reason: "must be an object" }); return; }
    if (!Number.isInteger(resolver.priority)) problems.push({ path: `${path}.priority`, reason: "must be an integer" });
    if (typeof resolver.itemId !== "string" || resolver.itemId === "") problems.push({ path: `${path}.itemId`, reason: "must be a pattern such as '{slug}'" });
    const match = resolver.urlMatchInfo;
    if (!isObject(match)) { problems.push({ path: `${path}.urlMatchInfo`, reason: "must hold baseUrls and urlPattern" }); return; }
    if (!Array.isArray(match.baseUrls) || match.baseUrls.length === 0 || match.baseUrls.some((url) => typeof url !== "string" || !/^https?:\/\//.test(url))) {
      problems.push({ path: `${path}.urlMatchInfo.baseUrls`, reason: "must be a non-empty list of http(s) URLs" });
    }
    if (typeof match.urlPattern !== "string" || !isRegex(match.urlPattern)) {
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
    else if (body.name.length > CONNECTION_NAME_MAX_LENGTH) problems.push({ path: "name", reason: `must be at most ${CONNECTION_NAME_MAX_LENGTH} characters, not ${body.name.length}` });
  }
  if (body.description !== undefined && body.description !== null && typeof body.description !== "string") {
    problems.push({ path: "description", reason: "must be a string" });
  }
  if (body.connectorId !== undefined && body.connectorId !== null && typeof body.connectorId !== "string") {
    problems.push({ path: "connectorId", reason: "must be a string (the Teams app id)" });
  }
  if (body.contentCategory !== undefined && !CONTENT_CATEGORIES.includes(body.contentCategory as never)) {
    problems.push({ path: "contentCategory", reason: `must be one of ${CONTENT_CATEGORIES.join(", ")}` });
  }
  if (body.configuration !== undefined) {
    const ids = isObject(body.configuration) ? body.configuration.authorizedAppIds : undefined;
    if (!isObject(body.configuration) || (ids !== undefined && (!Array.isArray(ids) || ids.some((id) => typeof id !== "string" || !GUID_PATTERN.test(id))))) {
      problems.push({ path: "configuration.authorizedAppIds", reason: "must be a list of Entra application (client) ids (GUIDs)" });
    }
  }
  if (body.searchSettings !== undefined) {
    if (!isObject(body.searchSettings)) problems.push({ path: "searchSettings", reason: "must be an object" });
    else if (body.searchSettings.searchResultTemplates !== undefined) {
      problems.push(...templateProblems(body.searchSettings.searchResultTemplates, "searchSettings.searchResultTemplates", { max: SEARCH_RESULT_TEMPLATES_MAX }));
    }
  }
  if (body.complianceSettings !== undefined) {
    if (!isObject(body.complianceSettings)) problems.push({ path: "complianceSettings", reason: "must be an object" });
    else if (body.complianceSettings.eDiscoveryResultTemplates !== undefined) {
      problems.push(...templateProblems(body.complianceSettings.eDiscoveryResultTemplates, "complianceSettings.eDiscoveryResultTemplates", { maxCardVersion: 1.2 }));
    }
  }
  if (body.enabledContentExperiences !== undefined) {
    const values = typeof body.enabledContentExperiences === "string" ? body.enabledContentExperiences.split(",").map((value) => value.trim()) : [];
    if (values.length === 0 || values.some((value) => !CONTENT_EXPERIENCES.includes(value as never))) {
      problems.push({ path: "enabledContentExperiences", reason: `must be a comma-separated list of ${CONTENT_EXPERIENCES.join(", ")}, e.g. "search, compliance"` });
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
