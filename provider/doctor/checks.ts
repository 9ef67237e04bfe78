/**
 * `graph-connectors doctor`: checks a live connection against what it needs to work and to surface in the
 * experience it targets, and reports each requirement as pass, warn or fail.
 */
import {
  isEntraEntry,
  isPrecedenceSetting,
  namesSource,
  PEOPLE_CONTENT_CATEGORY,
  PEOPLE_DATA_PAGE,
  PRECEDENCE_SETTING_PAGE,
  sourceIdOfEntry,
} from "../../model/people";
import { ReadinessLevel, readinessFindings, ReadinessTarget } from "../../model/readiness";
import { failingLevels, Strictness } from "../resources/externalConnection/readiness";
import { ConfigurationError } from "../config/settings";
import { getConnection, readSchema, readUsage } from "../resources/externalConnection/api";
import { typeOfHandler } from "../engine/registry";
import { getProfileSource, profileSourceHandler } from "../resources/people/profileSource";
import { profileSourcePriorityHandler } from "../resources/people/profileSourcePriority";
import { listProfilePropertySettings } from "../resources/people/precedenceSetting";
import type { ProviderContext } from "../context";

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
  if (!connection)
    return [...checks, { requirement: "connection", status: "fail", detail: `no connection '${connectionId}' in the tenant` }];
  checks.push({
    requirement: "connection",
    status: "pass",
    detail: `'${String(connection.name)}' (${String(connection.contentCategory ?? "uncategorized")})`,
  });

  const state = String(connection.state ?? "unknown");
  checks.push({
    requirement: "state",
    status: state === "ready" ? "pass" : "fail",
    detail: state === "ready" ? "ready" : `${state}: ${STATE_ADVICE[state] ?? "unexpected state"}`,
  });

  const schema = await readSchema(ctx, connectionId);
  checks.push({
    requirement: "schema registered",
    status: schema ? "pass" : "fail",
    detail: schema ? `${schema.properties.length} properties` : "no schema",
  });

  const failing = failingLevels(options.strict);
  for (const finding of readinessFindings({ ...connection, schema } as Parameters<typeof readinessFindings>[0], options.readiness)) {
    if (finding.requirement === "schema") continue; // reported above
    const status: Status = finding.met ? "pass" : failing.includes(finding.level) ? "fail" : "warn";
    checks.push({
      requirement: finding.requirement,
      status,
      level: finding.level,
      detail: finding.met ? `${options.readiness}: met` : finding.detail,
      doc: finding.doc,
    });
  }

  // Beta only: ingestion progress and quota.
  const { ingestedItemsCount: count, itemsRemaining: remaining } = await readUsage(ctx, connectionId);
  checks.push(
    count === undefined
      ? { requirement: "ingested items", status: "warn", detail: "Graph reports no item count (beta ingestedItemsCount) yet" }
      : {
          requirement: "ingested items",
          status: count > 0 ? "pass" : "warn",
          detail: count > 0 ? `${count} items` : "no items ingested yet: nothing can surface",
        },
  );
  if (remaining !== undefined)
    checks.push({ requirement: "item quota", status: remaining > 0 ? "pass" : "fail", detail: `${remaining} items remaining` });

  if (connection.contentCategory === PEOPLE_CONTENT_CATEGORY) checks.push(...(await peopleChecks(ctx, connectionId)));
  return checks;
}

/**
 * A people connector is useful only once registered as a profile source and placed in the tenant's precedence
 * list (build-connectors-with-people-data: "register the connection as a source of profile data and add it to
 * the list of prioritized sources"): the list of the one profile property setting without a name.
 */
async function peopleChecks(ctx: ProviderContext, connectionId: string): Promise<Check[]> {
  const source = await getProfileSource(ctx, connectionId);
  if (!source)
    return [
      {
        requirement: "profile source",
        status: "fail",
        detail: `not registered: declare a ${typeOfHandler(profileSourceHandler)} with sourceId '${connectionId}'`,
        doc: PEOPLE_DATA_PAGE,
      },
    ];
  const settings = await listProfilePropertySettings(ctx);
  const precedence = settings.filter(isPrecedenceSetting);
  const list = precedence.length === 1 ? precedence[0].prioritizedSourceUrls : [];
  const at = list.findIndex(namesSource(connectionId));
  // Entries 0.2.x wrote into settings named after profile properties, which Graph does not use for precedence.
  const named = settings
    .filter((setting) => !isPrecedenceSetting(setting) && setting.prioritizedSourceUrls.some(namesSource(connectionId)))
    .map((setting) => setting.name ?? setting.id)
    .sort();
  const stale =
    named.length > 0
      ? `; it is in the named setting(s) ${named.join(", ")}, which Graph does not use for precedence (run \`pulumi up\` with this release to move it)`
      : "";
  let precedenceCheck: Check;
  if (precedence.length > 1) {
    precedenceCheck = {
      requirement: "profile precedence",
      status: "fail",
      detail: `the tenant has ${precedence.length} profile property settings without a name; Graph allows one`,
      doc: PRECEDENCE_SETTING_PAGE,
    };
  } else if (at < 0) {
    precedenceCheck = {
      requirement: "profile precedence",
      status: "fail",
      detail: `not in the tenant's precedence list: declare a ${typeOfHandler(profileSourcePriorityHandler)} with sourceId '${connectionId}'${stale}`,
      doc: PEOPLE_DATA_PAGE,
    };
  } else {
    precedenceCheck = {
      requirement: "profile precedence",
      status: stale ? "warn" : "pass",
      detail: `${describeStanding(list, at)}${stale}`,
    };
  }
  return [{ requirement: "profile source", status: "pass", detail: `registered as '${String(source.displayName)}'` }, precedenceCheck];
}

/** Where an entry stands, e.g. `2 of 3 in the tenant's precedence list (after 'workday', before Microsoft Entra ID)`. */
function describeStanding(list: readonly string[], at: number): string {
  const name = (entry: string) => (isEntraEntry(entry) ? "Microsoft Entra ID" : `'${sourceIdOfEntry(entry) ?? entry}'`);
  const neighbours = [
    at > 0 ? `after ${name(list[at - 1])}` : undefined,
    at < list.length - 1 ? `before ${name(list[at + 1])}` : undefined,
  ].filter(Boolean);
  return `${at + 1} of ${list.length} in the tenant's precedence list${neighbours.length > 0 ? ` (${neighbours.join(", ")})` : ""}`;
}

/** The report as text: one line per requirement, then a summary. */
export function renderReport(connectionId: string, checks: Check[]): string {
  const width = Math.max(...checks.map((check) => check.requirement.length));
  const lines = checks.map(
    (check) =>
      `${check.status.toUpperCase().padEnd(4)}  ${check.requirement.padEnd(width)}  ` +
      `${check.level && check.status !== "pass" ? `[${check.level}] ` : ""}${check.detail}${check.doc && check.status !== "pass" ? ` (${check.doc})` : ""}`,
  );
  const count = (status: Status) => checks.filter((check) => check.status === status).length;
  return [
    `graph-connectors doctor: connection '${connectionId}'`,
    ...lines,
    `${count("pass")} passed, ${count("warn")} warnings, ${count("fail")} failed`,
  ].join("\n");
}

/** The exit code for CI: 1 when anything failed. */
export function exitCode(checks: Check[]): number {
  return checks.some((check) => check.status === "fail") ? 1 : 0;
}
