/**
 * How a Pulumi CLI run finds the native provider plugin, in the ways its users get it today:
 * - `npm-bin`: the npm package installed in the project puts `node_modules/.bin/pulumi-resource-graph-connectors`
 *   on the project's bin path, and Pulumi finds plugins on PATH;
 * - `plugin-archive`: the self-contained archive `npm run plugin-archive` writes for this machine's platform
 *   (scripts/plugin/), installed with `pulumi plugin install resource graph-connectors <version> --file <archive>`
 *   into a PULUMI_HOME of the run's own.
 * The one place that knows this, so the suites switch together when the plugin ships differently.
 */
import { execFile } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, symlinkSync } from "node:fs";
import { delimiter, join } from "node:path";
import { promisify } from "node:util";
import { cachedPluginBuild } from "../../scripts/plugin/cachedBuild";
import { hostTarget } from "../../scripts/plugin/targets";
import { packageRoot } from "../../scripts/emulatorStack";

export type PluginDiscovery = "npm-bin" | "plugin-archive";

export const PLUGIN_EXECUTABLE = "pulumi-resource-graph-connectors";

/**
 * PATH without any directory that holds the plugin (this repository's own node_modules/.bin does, through its
 * self-dependency), so a run finds the plugin only the way it is given.
 */
export function pathWithoutPlugin(path = process.env.PATH ?? ""): string[] {
  return path.split(delimiter).filter((dir) => dir !== "" && !existsSync(join(dir, PLUGIN_EXECUTABLE)));
}

/**
 * Makes the plugin reachable for `pulumi` runs in `projectDir` (laid out by projectDirectory, its
 * node_modules linking this package) with PULUMI_HOME at `pulumiHome`; returns the environment those runs need.
 */
export async function providePlugin(how: PluginDiscovery, projectDir: string, pulumiHome: string): Promise<Record<string, string>> {
  const path = pathWithoutPlugin();
  if (how === "npm-bin") {
    // What npm does for a dependency's `bin` entry.
    const bin = join(projectDir, "node_modules", ".bin");
    mkdirSync(bin, { recursive: true });
    const link = join(bin, PLUGIN_EXECUTABLE);
    if (!existsSync(link)) symlinkSync(join("..", "pulumi-graph-connectors", "dist", "provider", "native", "main.js"), link);
    return { PATH: [bin, ...path].join(delimiter), PULUMI_HOME: pulumiHome };
  }
  const target = hostTarget();
  if (!target) throw new Error(`no self-contained plugin is built for ${process.platform}-${process.arch}`);
  const archive = (await cachedPluginBuild(target)).archives[target.name];
  const version = (JSON.parse(readFileSync(join(packageRoot(), "package.json"), "utf8")) as { version: string }).version;
  const env = { PATH: path.join(delimiter), PULUMI_HOME: pulumiHome };
  await promisify(execFile)("pulumi", ["plugin", "install", "resource", "graph-connectors", version, "--file", archive], {
    env: { ...process.env, ...env },
  });
  return env;
}
