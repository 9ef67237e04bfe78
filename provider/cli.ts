#!/usr/bin/env node
/**
 * `graph-connectors`: commands for connector owners beside the Pulumi resources.
 *
 *   graph-connectors export [--out <dir>] [--connection <id>]... [--group <connectionId>/<groupId>]...
 *     Reads the tenant's connections (settings, schema, templates, resolvers) and the named external groups,
 *     and writes <dir>/index.ts (a Pulumi program using the dynamic resources with adoptExisting) and
 *     <dir>/import.json (for `pulumi import --file` with the native provider). Default dir: ./exported.
 *
 *   graph-connectors doctor <connectionId> [--readiness copilot|search|agent|none] [--strict[=required|recommended|agent]] [--json]
 *     Checks a live connection (settings, state, schema, readiness labels, searchable content, resolvers,
 *     templates, description, ingested items and quota, and a people connector's profile source) and prints
 *     pass/warn/fail per requirement, readiness ones with their level; exits 1 when anything failed
 *     (`--strict`: every readiness gap fails too; `--strict=<level>`: as `strictReadiness: "<level>"`).
 *
 * The tenant and credentials come from the environment, as for the resources: MSGRAPH_ENDPOINT,
 * MSGRAPH_AUTHORITY_HOST, MSGRAPH_ENVIRONMENT and the AZURE_* or ARM_* credentials (see the README).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { exportTenant } from "./export/exportTenant";
import { renderImportFile, renderProgram } from "./export/render";
import { diagnose, exitCode, renderReport } from "./doctor/checks";
import { READINESS_TARGETS, ReadinessTarget } from "../model/readiness";
import { providerContext } from "./runtime";
import { Strictness, strictnessProblem } from "./resources/externalConnection/readiness";
import { GraphConnectorsError } from "./errors";

interface Parsed {
  command: string | undefined;
  target: string | undefined;
  values: Record<string, string[]>;
}

/** Options that take no value. */
const SWITCHES = ["strict", "json"];

function parse(args: string[]): Parsed {
  const values: Record<string, string[]> = {};
  let command: string | undefined;
  let target: string | undefined;
  for (let index = 0; index < args.length; index += 1) {
    const arg = args[index];
    if (arg.startsWith("--")) {
      const [flag, inline] = arg.slice(2).split("=", 2);
      const value = SWITCHES.includes(flag) ? (inline ?? "true") : (inline ?? args[++index]);
      if (value === undefined) throw new GraphConnectorsError(`--${flag} needs a value`);
      (values[flag] ??= []).push(value);
    } else if (!command) command = arg;
    else if (!target) target = arg;
    else throw new GraphConnectorsError(`unexpected argument '${arg}'`);
  }
  return { command, target, values };
}

const USAGE = [
  "usage: graph-connectors export [--out <dir>] [--connection <id>]... [--group <connectionId>/<groupId>]...",
  "       graph-connectors doctor <connectionId> [--readiness copilot|search|agent|none] [--strict[=required|recommended|agent]] [--json]",
].join("\n");

function allowOnly(values: Record<string, string[]>, flags: string[]): void {
  for (const flag of Object.keys(values)) if (!flags.includes(flag)) throw new GraphConnectorsError(`unknown option --${flag}\n${USAGE}`);
}

/** Runs a command; resolves with the process exit code. */
export async function main(args: string[], out: (line: string) => void = console.log): Promise<number> {
  const { command, target, values } = parse(args);
  if (command === "doctor") return doctor(target, values, out);
  if (command !== "export" || target) throw new GraphConnectorsError(USAGE);
  allowOnly(values, ["out", "connection", "group"]);
  const resources = await exportTenant(providerContext(), { connections: values.connection, groups: values.group });
  const dir = resolve(values.out?.at(-1) ?? "exported");
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "index.ts"), renderProgram(resources));
  writeFileSync(join(dir, "import.json"), renderImportFile(resources));
  for (const resource of resources) out(`exported ${resource.type} ${resource.id}`);
  out(`wrote ${join(dir, "index.ts")} and ${join(dir, "import.json")}`);
  if (!values.group) out("note: Graph cannot list external groups or members; name groups with --group to export them");
  return 0;
}

async function doctor(connectionId: string | undefined, values: Record<string, string[]>, out: (line: string) => void): Promise<number> {
  allowOnly(values, ["readiness", "strict", "json"]);
  if (!connectionId) throw new GraphConnectorsError(USAGE);
  const readiness = values.readiness?.at(-1) ?? "copilot";
  if (!(READINESS_TARGETS as readonly string[]).includes(readiness)) throw new GraphConnectorsError(`--readiness must be one of ${READINESS_TARGETS.join(", ")}`);
  const strictValue = values.strict?.at(-1);
  const strict: Strictness = strictValue === undefined || strictValue === "false" ? false : strictValue === "true" ? true : strictValue as Strictness;
  const strictness = strictnessProblem(strict, readiness as ReadinessTarget);
  if (strictness) throw new GraphConnectorsError(`--strict ${strictness}`);
  const checks = await diagnose(providerContext, connectionId, { readiness: readiness as ReadinessTarget, strict });
  out(values.json ? JSON.stringify({ connectionId, checks, exitCode: exitCode(checks) }) : renderReport(connectionId, checks));
  return exitCode(checks);
}

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => process.exit(code), (error: Error) => {
    process.stderr.write(`graph-connectors: ${error.message}\n`);
    process.exit(1);
  });
}
