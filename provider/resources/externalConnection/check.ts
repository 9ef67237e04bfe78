import { connectionIdProblem, connectionProblems } from "../../../model/connection";
import { EXTERNAL_CONNECTORS as EC } from "../../../model/namespaces";
import { PEOPLE_CONTENT_CATEGORY, peopleSchemaProblems } from "../../../model/people";
import type { Problem } from "../../../model/problem";
import { READINESS_TARGETS, ReadinessSubject, ReadinessTarget, readinessFindings } from "../../../model/readiness";
import { canonicalSchema, ConnectionSchema, schemaProblems } from "../../../model/schema";
import { HandlerCheck } from "../contract";
import type { Shape } from "../inputShape";
import { containsUnknown } from "../values";
import { withResolverTypes } from "./normalize";
import { describeGap, failingLevels, Strictness, strictnessProblem } from "./readiness";
import { ExternalConnectionInputs } from "./types";

function positiveNumber(inputs: Record<string, unknown>, key: string, problems: Problem[]): void {
  const value = inputs[key];
  if (value !== undefined && !containsUnknown(value) && (typeof value !== "number" || !(value > 0))) {
    problems.push({ path: key, reason: "must be a positive number of seconds" });
  }
}

const SCHEMA_PROPERTY: Shape = {
  object: {
    name: "string",
    type: "string",
    isSearchable: "boolean",
    isQueryable: "boolean",
    isRetrievable: "boolean",
    isRefinable: "boolean",
    isExactMatchRequired: "boolean",
    labels: "stringList",
    aliases: "stringList",
    description: "string",
    rankingHint: { graph: `${EC}.rankingHint` },
  },
};

/** Every input of an ExternalConnection and its JSON type; Graph objects are checked against Graph's types. */
export const CONNECTION_INPUT_SHAPE: Record<string, Shape> = {
  connectionId: "string",
  name: "string",
  description: "string",
  connectorId: "string",
  contentCategory: "string",
  enabledContentExperiences: "string",
  configuration: { graph: `${EC}.configuration` },
  searchSettings: { graph: `${EC}.searchSettings` },
  complianceSettings: { graph: `${EC}.complianceSettings` },
  // Resolvers may leave out their @odata.type (the only derived type is filled in), so they are checked one by one.
  activitySettings: { object: { urlToItemResolvers: { list: { graph: `${EC}.itemIdResolver` } } } },
  schema: { object: { baseType: "string", properties: { list: SCHEMA_PROPERTY } } },
  adoptExisting: "boolean",
  schemaTimeoutSeconds: "number",
  deleteTimeoutSeconds: "number",
  readiness: "string",
  strictReadiness: { anyOf: ["boolean", "string"] },
  reportUsage: "boolean",
};

/**
 * Validates everything Graph would refuse, before any request: the id rules, the body rules shared with the
 * emulator (including a broken Adaptive Card, which would otherwise hit the 503/409 known issue), and the
 * schema rules. Values still unknown in preview are skipped. Returns the inputs with a canonical schema: the
 * declared schema is put in canonical form once, and every rule reads that form.
 */
export function checkExternalConnection(inputs: Record<string, unknown>): HandlerCheck<ExternalConnectionInputs> {
  const problems: Problem[] = [];
  const id = inputs.connectionId;
  if (!containsUnknown(id)) {
    const problem = typeof id === "string" ? connectionIdProblem(id) : "is required";
    if (problem) problems.push({ path: "connectionId", reason: problem });
  }
  const known = Object.fromEntries(Object.entries(inputs).filter(([, value]) => !containsUnknown(value)));
  for (const problem of connectionProblems(known, !containsUnknown(inputs.name))) {
    problems.push({
      path: problem.path,
      reason: `${problem.reason}${problem.brokenCard ? " (Graph would create the connection without this template and answer 503)" : ""}`,
    });
  }
  const schema = inputs.schema === undefined || containsUnknown(inputs.schema) ? undefined : canonicalSchema(inputs.schema);
  if (schema) {
    // While the category is unknown (an Output in preview), neither the people rules nor the rules they lift apply.
    const people = containsUnknown(inputs.contentCategory) ? undefined : inputs.contentCategory === PEOPLE_CONTENT_CATEGORY;
    problems.push(...schemaProblems(inputs.schema, "schema", { people }, schema));
    if (people) problems.push(...peopleSchemaProblems(schema.properties));
  }
  positiveNumber(inputs, "schemaTimeoutSeconds", problems);
  positiveNumber(inputs, "deleteTimeoutSeconds", problems);
  const readiness = readinessOf(inputs, schema, problems);
  if (problems.length > 0) return { problems };
  const normalized = { ...inputs } as unknown as ExternalConnectionInputs;
  if (schema) normalized.schema = schema;
  if (inputs.activitySettings !== undefined && !containsUnknown(inputs.activitySettings)) {
    normalized.activitySettings = withResolverTypes(inputs.activitySettings as Record<string, unknown>);
  }
  return { inputs: normalized, ...(readiness.length > 0 ? { warnings: readiness } : {}) };
}

/**
 * The readiness of the declared connection for the experience it targets: one line per gap for the person
 * running the preview, or problems for the levels `strictReadiness` names (each at the input the gap is
 * about). Skipped while the inputs it reads are still unknown. `schema`: the declared one, in canonical form.
 */
function readinessOf(inputs: Record<string, unknown>, schema: ConnectionSchema | undefined, problems: Problem[]): string[] {
  const target = inputs.readiness ?? "copilot";
  if (containsUnknown(target) || containsUnknown(inputs.strictReadiness)) return [];
  if (!(READINESS_TARGETS as readonly unknown[]).includes(target)) {
    problems.push({ path: "readiness", reason: `must be one of ${READINESS_TARGETS.join(", ")}` });
    return [];
  }
  const strictness = strictnessProblem(inputs.strictReadiness, target as ReadinessTarget);
  if (strictness) {
    problems.push({ path: "strictReadiness", reason: strictness });
    return [];
  }
  const read = ["description", "contentCategory", "schema", "activitySettings", "searchSettings"];
  if (target === "none" || read.some((key) => containsUnknown(inputs[key]))) return [];
  const subject = { ...inputs, schema } as ReadinessSubject;
  const failing = failingLevels(inputs.strictReadiness as Strictness | undefined);
  const people = inputs.contentCategory === PEOPLE_CONTENT_CATEGORY;
  const warnings: string[] = [];
  for (const gap of readinessFindings(subject, target as ReadinessTarget).filter((finding) => !finding.met)) {
    const line = describeGap(gap, target as Exclude<ReadinessTarget, "none">, people);
    if (failing.includes(gap.level)) problems.push({ path: gap.path, reason: `fails strictReadiness: ${line}` });
    else warnings.push(`connection '${String(inputs.connectionId)}', ${line}`);
  }
  return warnings;
}
