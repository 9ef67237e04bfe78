import type { dynamic } from "@pulumi/pulumi";
import { connectionIdProblem, connectionProblems } from "../../../model/connection";
import { canonicalSchema, schemaProblems } from "../../../model/schema";
import { failure } from "../contract";
import { inputShapeFailures, Shape } from "../inputShape";
import { containsUnknown, withoutProviderKey } from "../values";
import { withResolverTypes } from "./normalize";
import { ExternalConnectionInputs } from "./types";

function positiveNumber(inputs: Record<string, unknown>, key: string, failures: dynamic.CheckFailure[]): void {
  const value = inputs[key];
  if (value !== undefined && !containsUnknown(value) && (typeof value !== "number" || !(value > 0))) {
    failures.push(failure(key, "must be a positive number of seconds"));
  }
}

import { EXTERNAL_CONNECTORS as EC } from "../../../model/namespaces";
const SCHEMA_PROPERTY: Shape = { object: {
  name: "string", type: "string", isSearchable: "boolean", isQueryable: "boolean", isRetrievable: "boolean", isRefinable: "boolean",
  isExactMatchRequired: "boolean", labels: "stringList", aliases: "stringList", description: "string", rankingHint: { graph: `${EC}.rankingHint` },
} };

/** Every input of an ExternalConnection and its JSON type; Graph objects are checked against Graph's types. */
export const CONNECTION_INPUT_SHAPE: Record<string, Shape> = {
  connectionId: "string", name: "string", description: "string", connectorId: "string", contentCategory: "string", enabledContentExperiences: "string",
  configuration: { graph: `${EC}.configuration` },
  searchSettings: { graph: `${EC}.searchSettings` },
  complianceSettings: { graph: `${EC}.complianceSettings` },
  // Resolvers may leave out their @odata.type (the only derived type is filled in), so they are checked one by one.
  activitySettings: { object: { urlToItemResolvers: { list: { graph: `${EC}.itemIdResolver` } } } },
  schema: { object: { baseType: "string", properties: { list: SCHEMA_PROPERTY } } },
  adoptExisting: "boolean", schemaTimeoutSeconds: "number", deleteTimeoutSeconds: "number",
};

/**
 * Validates everything Graph would refuse, before any request: the id rules, the body rules shared with the
 * emulator (including a broken Adaptive Card, which would otherwise hit the 503/409 known issue), and the
 * schema rules. Values still unknown in preview are skipped. Returns the inputs with a canonical schema.
 */
export function checkExternalConnection(news: Record<string, unknown>): dynamic.CheckResult<ExternalConnectionInputs> {
  const inputs = withoutProviderKey(news);
  const shapeFailures = inputShapeFailures(inputs, CONNECTION_INPUT_SHAPE);
  if (shapeFailures.length > 0) return { failures: shapeFailures };
  const failures: dynamic.CheckFailure[] = [];
  const id = inputs.connectionId;
  if (!containsUnknown(id)) {
    const problem = typeof id === "string" ? connectionIdProblem(id) : "is required";
    if (problem) failures.push(failure("connectionId", `connectionId ${problem}`));
  }
  const known = Object.fromEntries(Object.entries(inputs).filter(([, value]) => !containsUnknown(value)));
  for (const problem of connectionProblems(known, !containsUnknown(inputs.name))) {
    failures.push(failure(problem.path, `${problem.path} ${problem.reason}${problem.brokenCard ? " (Graph would create the connection without this template and answer 503)" : ""}`));
  }
  if (inputs.schema !== undefined && !containsUnknown(inputs.schema)) {
    for (const problem of schemaProblems(inputs.schema, "schema")) failures.push(failure(problem.path, `${problem.path} ${problem.reason}`));
  }
  if (inputs.adoptExisting !== undefined && typeof inputs.adoptExisting !== "boolean" && !containsUnknown(inputs.adoptExisting)) {
    failures.push(failure("adoptExisting", "must be true or false"));
  }
  positiveNumber(inputs, "schemaTimeoutSeconds", failures);
  positiveNumber(inputs, "deleteTimeoutSeconds", failures);
  if (failures.length > 0) return { failures };
  const normalized = { ...inputs } as unknown as ExternalConnectionInputs;
  if (inputs.schema !== undefined && !containsUnknown(inputs.schema)) normalized.schema = canonicalSchema(inputs.schema);
  if (inputs.activitySettings !== undefined && !containsUnknown(inputs.activitySettings)) {
    normalized.activitySettings = withResolverTypes(inputs.activitySettings as Record<string, unknown>);
  }
  return { inputs: normalized };
}
