#!/usr/bin/env node
/**
 * `graph-connectors`: commands for connector owners beside the Pulumi resources.
 *
 *   graph-connectors export [--out <dir>] [--connection <id>]... [--group <connectionId>/<groupId>]...
 *     Reads the tenant's connections (settings, schema, templates, resolvers) and the named external groups,
 *     and writes <dir>/index.ts (a Pulumi program using the dynamic resources with adoptExisting) and
 *     <dir>/import.json (for `pulumi import --file` with the native provider). Default dir: ./exported.
 *
 * The tenant and credentials come from the environment, as for the resources: MSGRAPH_ENDPOINT,
 * MSGRAPH_AUTHORITY_HOST, MSGRAPH_ENVIRONMENT and the AZURE_* or ARM_* credentials (see the README).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { exportTenant } from "./export/exportTenant";
import { renderImportFile, renderProgram } from "./export/render";
import { providerContext } from "./runtime";

interface Parsed {
  command: string | undefined;
  values: Record<string, string[]>;
}

function parse(args: string[]): Parsed {
  const values: Record<string, string[]> = {};
  let command: string | undefined;
  for (let index = 0; index < args.length; index += 1) {
    const arg = args[index];
    if (arg.startsWith("--")) {
      const [flag, inline] = arg.slice(2).split("=", 2);
      const value = inline ?? args[++index];
      if (value === undefined) throw new Error(`--${flag} needs a value`);
      (values[flag] ??= []).push(value);
    } else if (!command) command = arg;
    else throw new Error(`unexpected argument '${arg}'`);
  }
  return { command, values };
}

const USAGE = "usage: graph-connectors export [--out <dir>] [--connection <id>]... [--group <connectionId>/<groupId>]...";

export async function main(args: string[], out: (line: string) => void = console.log): Promise<void> {
  const { command, values } = parse(args);
  if (command !== "export") throw new Error(USAGE);
  for (const flag of Object.keys(values)) if (!["out", "connection", "group"].includes(flag)) throw new Error(`unknown option --${flag}\n${USAGE}`);
  const resources = await exportTenant(providerContext(), { connections: values.connection, groups: values.group });
  const dir = resolve(values.out?.at(-1) ?? "exported");
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "index.ts"), renderProgram(resources));
  writeFileSync(join(dir, "import.json"), renderImportFile(resources));
  for (const resource of resources) out(`exported ${resource.type} ${resource.id}`);
  out(`wrote ${join(dir, "index.ts")} and ${join(dir, "import.json")}`);
  if (!values.group) out("note: Graph cannot list external groups or members; name groups with --group to export them");
}

if (require.main === module) {
  main(process.argv.slice(2)).then(() => process.exit(0), (error: Error) => {
    process.stderr.write(`graph-connectors: ${error.message}\n`);
    process.exit(1);
  });
}
