/** Where the native provider finds its version and schema: the installed package it runs from. */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { GraphConnectorsError } from "../errors";

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
