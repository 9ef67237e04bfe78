#!/usr/bin/env node
/**
 * `pulumi-resource-graph-connectors`: the native provider plugin. The engine starts it with its own address
 * as the argument and reads the port from the first line of stdout; progress goes to stderr.
 */
import { readFileSync } from "node:fs";
import { limitHeapGrowth } from "../heap";
import { nativePackage } from "./package";
import { serve } from "./server";

limitHeapGrowth();
const { version, schemaPath } = nativePackage();
serve({ version, schema: readFileSync(schemaPath, "utf8") }).catch((error: Error) => {
  process.stderr.write(`pulumi-resource-graph-connectors: ${error.message}\n`);
  process.exit(1);
});
