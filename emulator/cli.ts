#!/usr/bin/env node
/**
 * `npm run emulator` / `graph-connectors-emulator`: serves the emulator until interrupted and prints the
 * settings a program needs to use it. Options come from the environment so CI can start it unchanged:
 * EMULATOR_PORT (8443), EMULATOR_HOST (127.0.0.1), EMULATOR_SCHEMA_MS, EMULATOR_DELETE_MS,
 * EMULATOR_LATENCY_MS, EMULATOR_OP_MS (service time per operation, 30), EMULATOR_CONCURRENCY_LIMIT (25),
 * EMULATOR_GROUP_RPS (1000), EMULATOR_LOG=1 (print every Graph request with its status), EMULATOR_ADMIN_TOKEN (the
 * control API's bearer token; required, and made up when unset, on any host but loopback), EMULATOR_GRAPH_CLOUDS
 * (the clouds whose Graph token audiences are accepted, comma-separated, e.g. `usgov`; all by default).
 */
import { CloudName, CLOUDS, isCloudName } from "../model/clouds";
import { EMULATOR_CLIENT_ID, EMULATOR_CLIENT_SECRET, EMULATOR_TENANT_ID, GraphEmulator, trustBundlePath } from "./index";

function graphClouds(value: string | undefined): CloudName[] | undefined {
  if (!value) return undefined;
  const names = value
    .split(",")
    .map((name) => name.trim())
    .filter(Boolean);
  const unknown = names.find((name) => !isCloudName(name));
  if (unknown !== undefined) throw new Error(`EMULATOR_GRAPH_CLOUDS: '${unknown}' is not one of ${Object.keys(CLOUDS).join(", ")}`);
  return names as CloudName[];
}

async function main(): Promise<void> {
  const emulator = new GraphEmulator({
    graphClouds: graphClouds(process.env.EMULATOR_GRAPH_CLOUDS),
    port: Number(process.env.EMULATOR_PORT ?? 8443),
    host: process.env.EMULATOR_HOST ?? "127.0.0.1",
    adminToken: process.env.EMULATOR_ADMIN_TOKEN || undefined,
    schemaProvisioningMs: process.env.EMULATOR_SCHEMA_MS ? Number(process.env.EMULATOR_SCHEMA_MS) : undefined,
    deletionMs: process.env.EMULATOR_DELETE_MS ? Number(process.env.EMULATOR_DELETE_MS) : undefined,
    latencyMs: process.env.EMULATOR_LATENCY_MS ? Number(process.env.EMULATOR_LATENCY_MS) : undefined,
    // What Graph charges (emulator/costModel.ts): the CLI serves a realistic service time by default.
    opMs: Number(process.env.EMULATOR_OP_MS ?? 30),
    concurrencyLimit: process.env.EMULATOR_CONCURRENCY_LIMIT ? Number(process.env.EMULATOR_CONCURRENCY_LIMIT) : undefined,
    groupRequestsPerSecond: process.env.EMULATOR_GROUP_RPS ? Number(process.env.EMULATOR_GROUP_RPS) : undefined,
    onRequest:
      process.env.EMULATOR_LOG === "1"
        ? (entry) =>
            console.log(
              `${new Date().toISOString()} ${entry.method} ${entry.path} ${entry.status || "reset"}${entry.inBatch ? " (in $batch)" : ""}`,
            )
        : undefined,
  });
  const url = await emulator.start();
  console.log(
    `Graph emulator listening on ${emulator.listenAddress}, reachable as ${url} (Graph: ${url}/v1.0, ${url}/beta; Entra: ${url}/${EMULATOR_TENANT_ID})`,
  );
  console.log("Use it from a Pulumi program with:");
  console.log(`  export NODE_EXTRA_CA_CERTS=${trustBundlePath()}`);
  console.log(`  export MSGRAPH_ENDPOINT=${url} MSGRAPH_AUTHORITY_HOST=${url}`);
  console.log(`  export AZURE_TENANT_ID=${EMULATOR_TENANT_ID} AZURE_CLIENT_ID=${EMULATOR_CLIENT_ID}`);
  console.log(`  export AZURE_CLIENT_SECRET=${EMULATOR_CLIENT_SECRET}   # the emulator's local test secret`);
  const stop = () => void emulator.stop().then(() => process.exit(0));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
