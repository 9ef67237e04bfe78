/**
 * `graph-connectors doctor`: checks a live connection against what it needs to work and to surface in the
 * experience it targets, and reports each requirement as pass, warn or fail.
 */
import { PEOPLE_CONTENT_CATEGORY } from "../../model/people";
import { ReadinessLevel, readinessFindings, ReadinessTarget } from "../../model/readiness";
import { failingLevels, Strictness } from "../resources/externalConnection/readiness";
import { ConfigurationError } from "../config/settings";
import { getConnection, readSchema, readUsage } from "../resources/externalConnection/api";
import { getProfileSource } from "../resources/people/profileSource";
import { isOurs, listProfilePropertySettings } from "../resources/people/profileSourcePriority";
import type { ProviderContext } from "../runtime";

export type Status = "pass" | "warn" | "fail";

export interface Check {
  requirement: string;
  status: Status;
  detail: string;
  /** For a readiness requirement: how much the docs make of it (model/readiness.ts). */
  level?: ReadinessLevel;
  doc?: string;
}

export interface DoctorOptions {
  readiness: ReadinessTarget;
  /** Which readiness gaps fail instead of warn, as `strictReadiness` (true: every gap). */
  strict: Strictness;
}

const STATE_ADVICE: Record<string, string> = {
  draft: "no schema is registered yet: items cannot be ingested until one is",
  limitExceeded: "the connection exceeded its item or size quota: Graph refuses new items",
  obsolete: "the connection is obsolete: recreate it",
};

/** Runs every check it can; a failure early on (no connection) ends the list there. */
export async function diagnose(context: () => ProviderContext, connectionId: string, options: DoctorOptions): Promise<Check[]> {
  const checks: Check[] = [];
  let ctx: ProviderContext;
  try {
    ctx = context();
    checks.push({ requirement: "settings", status: "pass", detail: `Graph at ${ctx.graph.endpoint}` });
  } catch (error) {
    if (!(error instanceof ConfigurationError)) throw error;
    return [{ requirement: "settings", status: "fail", detail: error.message }];
  }
  const connection = await getConnection(ctx, connectionId);
  if (!connection) return [...checks, { requirement: "connection", status: "fail", detail: `no connection '${connectionId}' in the tenant` }];
  checks.push({ requirement: "connection", status: "pass", detail: `'${String(connection.name)}' (${String(connection.contentCategory ?? "uncategorized")})` });

  const state = String(connection.state ?? "unknown");
  checks.push({ requirement: "state", status: state === "ready" ? "pass" : "fail", detail: state === "ready" ? "ready" : `${state}: ${STATE_ADVICE[state] ?? "unexpected state"}` });

  const schema = await readSchema(ctx, connectionId);
  checks.push({ requirement: "schema registered", status: schema ? "pass" : "fail", detail: schema ? `${schema.properties.length} properties` : "no schema" });

  const failing = failingLevels(options.strict);
  for (const finding of readinessFindings({ ...connection, schema } as Parameters<typeof readinessFindings>[0], options.readiness)) {
    if (finding.requirement === "schema") continue; // reported above
    const status: Status = finding.met ? "pass" : failing.includes(finding.level) ? "fail" : "warn";
    checks.push({ requirement: finding.requirement, status, level: finding.level, detail: finding.met ? `${options.readiness}: met` : finding.detail, doc: finding.doc });
  }

  // Beta only: ingestion progress and quota.
  const { ingestedItemsCount: count, itemsRemaining: remaining } = await readUsage(ctx, connectionId);
  checks.push(count === undefined
    ? { requirement: "ingested items", status: "warn", detail: "Graph reports no item count (beta ingestedItemsCount) yet" }
    : { requirement: "ingested items", status: count > 0 ? "pass" : "warn", detail: count > 0 ? `${count} items` : "no items ingested yet: nothing can surface" });
  if (remaining !== undefined) checks.push({ requirement: "item quota", status: remaining > 0 ? "pass" : "fail", detail: `${remaining} items remaining` });

  if (connection.contentCategory === PEOPLE_CONTENT_CATEGORY) checks.push(...(await peopleChecks(ctx, connectionId)));
  return checks;
}

/** A people connector is useful only once registered as a profile source and placed in some property's priority list. */
async function peopleChecks(ctx: ProviderContext, connectionId: string): Promise<Check[]> {
  const source = await getProfileSource(ctx, connectionId);
  if (!source) return [{ requirement: "profile source", status: "fail", detail: `not registered: declare a ProfileSource with sourceId '${connectionId}'` }];
  const feeding = (await listProfilePropertySettings(ctx)).filter((setting) => setting.prioritizedSourceUrls.some(isOurs(connectionId)));
  return [
    { requirement: "profile source", status: "pass", detail: `registered as '${String(source.displayName)}'` },
    feeding.length > 0
      ? { requirement: "profile properties", status: "pass", detail: `prioritized for ${feeding.map((setting) => setting.name ?? setting.id).sort().join(", ")}` }
      : { requirement: "profile properties", status: "warn", detail: "in no property's prioritized sources: declare ProfileSourcePriority resources" },
  ];
}

/** The report as text: one line per requirement, then a summary. */
export function renderReport(connectionId: string, checks: Check[]): string {
  const width = Math.max(...checks.map((check) => check.requirement.length));
  const lines = checks.map((check) => `${check.status.toUpperCase().padEnd(4)}  ${check.requirement.padEnd(width)}  ` +
    `${check.level && check.status !== "pass" ? `[${check.level}] ` : ""}${check.detail}${check.doc && check.status !== "pass" ? ` (${check.doc})` : ""}`);
  const count = (status: Status) => checks.filter((check) => check.status === status).length;
  return [`graph-connectors doctor: connection '${connectionId}'`, ...lines, `${count("pass")} passed, ${count("warn")} warnings, ${count("fail")} failed`].join("\n");
}

/** The exit code for CI: 1 when anything failed. */
export function exitCode(checks: Check[]): number {
  return checks.some((check) => check.status === "fail") ? 1 : 0;
}
