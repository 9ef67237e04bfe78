#!/usr/bin/env node
/**
 * `pulumi-resource-graph-connectors`: the native provider plugin. The engine starts it with its own address
 * as the argument and reads the port from the first line of stdout; progress goes to stderr.
 */
import { limitHeapGrowth } from "../heap";
import { pluginIdentity } from "./package";
import { serve } from "./server";

limitHeapGrowth();
serve(pluginIdentity()).catch((error: Error) => {
  process.stderr.write(`pulumi-resource-graph-connectors: ${error.message}\n`);
  process.exit(1);
});
