#!/usr/bin/env node
/**
 * `pulumi-resource-graph-connectors`: the native provider plugin. The engine starts it with its own address
 * as the argument (which takes the plugin's warnings and progress, engineLog.ts) and reads the port from the
 * first line of stdout; what the engine does not take goes to stderr.
 */
import { limitHeapGrowth } from "../heap";
import { engineAddressOf } from "./engineLog";
import { pluginIdentity } from "./package";
import { serve } from "./server";

limitHeapGrowth();
serve({ ...pluginIdentity(), engineAddress: engineAddressOf(process.argv.slice(2)) }).catch((error: Error) => {
  process.stderr.write(`pulumi-resource-graph-connectors: ${error.message}\n`);
  process.exit(1);
});
