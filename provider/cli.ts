#!/usr/bin/env node
/**
 * `graph-connectors`: commands for connector owners beside the Pulumi resources (`export`, `doctor`); HELP
 * below says what each does. They reach the tenant as the resources do: the stack's `msgraph:*` or
 * `graph-connectors:*` config (`--stack`, or the selected stack of the project in the current directory), then
 * the environment (MSGRAPH_*, AZURE_* or ARM_*; see the README).
 */
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { exportTenant } from "./export/exportTenant";
import { renderImportFile, renderProgram } from "./export/render";
import { diagnose, exitCode, renderReport } from "./doctor/checks";
import { READINESS_TARGETS, ReadinessTarget } from "../model/readiness";
import { Engine } from "./engine/engine";
import { ProviderProcess } from "./engine/providerProcess";
import { readStackConfig, settingKeys, stackConfigSource } from "./config/stackConfig";
import { Strictness, strictnessProblem } from "./resources/externalConnection/readiness";
import { GraphConnectorsError } from "./errors";

interface Parsed {
  command: string | undefined;
  target: string | undefined;
  values: Record<string, string[]>;
}

/** Options that take no value. */
const SWITCHES = ["strict", "json", "help"];

function parse(args: string[]): Parsed {
  const values: Record<string, string[]> = {};
  let command: string | undefined;
  let target: string | undefined;
  for (let index = 0; index < args.length; index += 1) {
    const arg = args[index] === "-h" ? "--help" : args[index];
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

const SETTINGS_HELP = [
  "Where it reaches the tenant:",
  "  --stack <name>   the Pulumi stack whose msgraph:* or graph-connectors:* config to use (tenantId, clientId,",
  "                   clientSecret, environment, endpoint, authorityHost), read with `pulumi config --show-secrets`",
  "                   in the current directory's project and kept in memory; without it, the selected stack of the",
  "                   project in the current directory, if there is one",
  "  then the environment: MSGRAPH_ENVIRONMENT, MSGRAPH_ENDPOINT, MSGRAPH_AUTHORITY_HOST, AZURE_* or ARM_*",
  "  credentials (or DefaultAzureCredential: workload identity, managed identity, az login)",
];

const HELP: Record<string, string[]> = {
  export: [
    "usage: graph-connectors export [--out <dir>] [--connection <id>]... [--group <connectionId>/<groupId>]... [--stack <name>]",
    "",
    "Reads the tenant's connections (settings, schema, templates, resolvers) and the named external groups, and",
    "writes <dir>/index.ts (a Pulumi program declaring them with the dynamic resources and adoptExisting) and",
    "<dir>/import.json (for `pulumi import --file` with the native provider).",
    "",
    "  --out <dir>                           where to write (default ./exported)",
    "  --connection <id>                     export only these connections (default: every connection)",
    "  --group <connectionId>/<groupId>      external groups to export: Graph cannot list them, so name them",
    "",
    ...SETTINGS_HELP,
  ],
  doctor: [
    "usage: graph-connectors doctor <connectionId> [--readiness copilot|search|agent|none] [--strict[=required|recommended|agent]] [--json] [--stack <name>]",
    "",
    "Checks a live connection: settings, state, registered schema, the readiness requirements of the experience",
    "it targets (each with its level: required, recommended, agent), searchable content, URL resolvers, templates,",
    "description, ingested items and quota, and for a people connector its profile source and its place in the",
    "tenant's precedence list. Prints PASS/WARN/FAIL per requirement; exits 1 when anything failed.",
    "",
    "  --readiness copilot|search|agent|none the experience to check for (default copilot; agent: Copilot plus the",
    "                                        labels a declarative agent needs to scope the connection)",
    "  --strict                              every readiness gap fails instead of warning",
    "  --strict=required|recommended|agent   gaps of that level fail, as strictReadiness does",
    "  --json                                one JSON object instead of the report",
    "",
    ...SETTINGS_HELP,
  ],
};

const USAGE = [
  "usage: graph-connectors export [--out <dir>] [--connection <id>]... [--group <connectionId>/<groupId>]... [--stack <name>]",
  "       graph-connectors doctor <connectionId> [--readiness copilot|search|agent|none] [--strict[=required|recommended|agent]] [--json] [--stack <name>]",
  "       graph-connectors <command> --help",
].join("\n");

function allowOnly(values: Record<string, string[]>, flags: string[]): void {
  for (const flag of Object.keys(values)) if (!flags.includes(flag)) throw new GraphConnectorsError(`unknown option --${flag}\n${USAGE}`);
}

export interface CliOptions {
  /** The directory whose Pulumi project holds the stack. @default process.cwd() */
  cwd?: string;
  /** Where notes about the run go (which config was read). @default stderr */
  note?: (line: string) => void;
  /** The command's provider state: its settings, Graph context and the secrets to redact. @default a new one */
  provider?: ProviderProcess;
}

/**
 * Configures the settings from the stack's config: the one named by `--stack`, else the selected stack of the
 * project in `cwd` when there is one (a project without a selected stack leaves the environment alone, noted).
 */
async function useStackConfig(stack: string | undefined, options: Required<CliOptions>): Promise<void> {
  const inProject = existsSync(join(options.cwd, "Pulumi.yaml")) || existsSync(join(options.cwd, "Pulumi.yml"));
  if (!stack && !inProject) return;
  let entries;
  try {
    entries = await readStackConfig({ cwd: options.cwd, stack });
  } catch (error) {
    if (stack) throw error;
    options.note(`note: ${(error as Error).message}; using the environment only`);
    return;
  }
  options.provider.configure(stackConfigSource(entries, options.provider.redactor));
  const keys = settingKeys(entries);
  options.note(
    `using the config of ${stack ? `stack '${stack}'` : "the selected stack"}${keys.length > 0 ? ` (${keys.join(", ")})` : " (no msgraph:* or graph-connectors:* keys)"}, then the environment`,
  );
}

/** Runs a command; resolves with the process exit code. An error leaves with the stack's secrets scrubbed from its message. */
export async function main(args: string[], out: (line: string) => void = console.log, options: CliOptions = {}): Promise<number> {
  const resolved: Required<CliOptions> = {
    cwd: options.cwd ?? process.cwd(),
    note: options.note ?? ((line) => process.stderr.write(`${line}\n`)),
    provider: options.provider ?? new ProviderProcess(),
  };
  try {
    return await run(args, out, resolved);
  } catch (error) {
    if (error instanceof Error) error.message = resolved.provider.redactor.redact(error.message);
    throw error;
  }
}

async function run(args: string[], out: (line: string) => void, resolved: Required<CliOptions>): Promise<number> {
  const { command, target, values } = parse(args);
  if (command === "help" || (values.help && !HELP[command ?? ""])) {
    const topic = HELP[target ?? ""];
    out(topic ? topic.join("\n") : `${USAGE}\n\n${SETTINGS_HELP.join("\n")}`);
    return 0;
  }
  if (values.help) {
    out(HELP[command!].join("\n"));
    return 0;
  }
  if (command === "doctor") return doctor(target, values, out, resolved);
  if (command !== "export" || target) throw new GraphConnectorsError(USAGE);
  allowOnly(values, ["out", "connection", "group", "stack"]);
  await useStackConfig(values.stack?.at(-1), resolved);
  const resources = await exportTenant(new Engine(resolved.provider, "handler"), { connections: values.connection, groups: values.group });
  const dir = resolve(resolved.cwd, values.out?.at(-1) ?? "exported");
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "index.ts"), renderProgram(resources));
  writeFileSync(join(dir, "import.json"), renderImportFile(resources));
  for (const resource of resources) out(`exported ${resource.type} ${resource.id}`);
  out(`wrote ${join(dir, "index.ts")} and ${join(dir, "import.json")}`);
  if (!values.group) out("note: Graph cannot list external groups or members; name groups with --group to export them");
  return 0;
}

async function doctor(
  connectionId: string | undefined,
  values: Record<string, string[]>,
  out: (line: string) => void,
  options: Required<CliOptions>,
): Promise<number> {
  allowOnly(values, ["readiness", "strict", "json", "stack"]);
  if (!connectionId) throw new GraphConnectorsError(USAGE);
  const readiness = values.readiness?.at(-1) ?? "copilot";
  if (!(READINESS_TARGETS as readonly string[]).includes(readiness))
    throw new GraphConnectorsError(`--readiness must be one of ${READINESS_TARGETS.join(", ")}`);
  const strictValue = values.strict?.at(-1);
  const strict: Strictness =
    strictValue === undefined || strictValue === "false" ? false : strictValue === "true" ? true : (strictValue as Strictness);
  const strictness = strictnessProblem(strict, readiness as ReadinessTarget);
  if (strictness) throw new GraphConnectorsError(`--strict ${strictness}`);
  await useStackConfig(values.stack?.at(-1), options);
  const checks = await diagnose(() => options.provider.context(), connectionId, { readiness: readiness as ReadinessTarget, strict });
  out(values.json ? JSON.stringify({ connectionId, checks, exitCode: exitCode(checks) }) : renderReport(connectionId, checks));
  return exitCode(checks);
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: Error) => {
      process.stderr.write(`graph-connectors: ${error.message}\n`);
      process.exit(1);
    },
  );
}
