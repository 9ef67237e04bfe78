/**
 * Where the native provider finds its version and schema: embedded in the executable when it runs as the
 * self-contained plugin (a Node.js single executable application, scripts/plugin/), else the installed package
 * it runs from.
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import * as sea from "node:sea";
import { GraphConnectorsError } from "../errors";

/** The key of the package schema among the self-contained plugin's assets (scripts/plugin/sea.ts writes it). */
export const SCHEMA_ASSET = "schema.json";

export interface NativePackage {
  version: string;
  root: string;
  /** The package schema (`schema/schema.json`), shipped with the package. */
  schemaPath: string;
}

export function nativePackage(from = __dirname): NativePackage {
  let dir = from;
  while (!existsSync(join(dir, "package.json"))) {
    if (dirname(dir) === dir) throw new GraphConnectorsError(`pulumi-graph-connectors: no package.json above ${from}`);
    dir = dirname(dir);
  }
  const manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { version: string };
  return { version: manifest.version, root: dir, schemaPath: join(dir, "schema", "schema.json") };
}

/** What the plugin tells the engine it is: its version and the package schema, as text. */
export interface PluginIdentity {
  version: string;
  schema: string;
}

export function pluginIdentity(): PluginIdentity {
  if (sea.isSea()) {
    // The schema carries the release's version (scripts/release/version.ts stamps both from package.json).
    const schema = sea.getAsset(SCHEMA_ASSET, "utf8");
    return { version: (JSON.parse(schema) as { version: string }).version, schema };
  }
  const { version, schemaPath } = nativePackage();
  return { version, schema: readFileSync(schemaPath, "utf8") };
}
