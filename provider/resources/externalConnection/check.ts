import type { dynamic } from "@pulumi/pulumi";
import { connectionIdProblem, connectionProblems } from "../../../model/connection";
import { canonicalSchema, schemaProblems } from "../../../model/schema";
import { failure } from "../contract";
import { containsUnknown, withoutProviderKey } from "../values";
import { withResolverTypes } from "./normalize";
import { ExternalConnectionInputs } from "./types";

function positiveNumber(inputs: Record<string, unknown>, key: string, failures: dynamic.CheckFailure[]): void {
  const value = inputs[key];
  if (value !== undefined && !containsUnknown(value) && (typeof value !== "number" || !(value > 0))) {
    failures.push(failure(key, "must be a positive number of seconds"));
  }
}

/**
 * Validates everything Graph would refuse, before any request: the id rules, the body rules shared with the
 * emulator (including a broken Adaptive Card, which would otherwise hit the 503/409 known issue), and the
 * schema rules. Values still unknown in preview are skipped. Returns the inputs with a canonical schema.
 */
export function checkExternalConnection(news: Record<string, unknown>): dynamic.CheckResult<ExternalConnectionInputs> {
  const inputs = withoutProviderKey(news);
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
