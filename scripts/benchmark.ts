/**
 * `npm run bench`: deploys a connection with its schema, 50 external groups and 2,000 members through
 * `pulumi up` against the emulator with injected latency, then measures a no-op preview, a refresh and the
 * destroy. A second scenario manages 200 members as individual ExternalGroupMember resources, to compare.
 * Reports wall time, Graph HTTP requests, Graph operations (inner $batch requests counted one by one) and
 * requests per resource. Not a test: numbers are measured, never asserted.
 *
 * Options (env): BENCH_LATENCY_MS (50), BENCH_GROUPS (50), BENCH_MEMBERS (2000), BENCH_SCHEMA_MS (3000),
 * BENCH_MEMBER_RESOURCES (200).
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { GraphEmulator } from "../emulator";
import { ExternalConnection, ExternalGroup, ExternalGroupMember } from "../sdk";
import { openStack } from "./emulatorStack";

const latencyMs = Number(process.env.BENCH_LATENCY_MS ?? 50);
const groupCount = Number(process.env.BENCH_GROUPS ?? 50);
const memberCount = Number(process.env.BENCH_MEMBERS ?? 2000);
const schemaMs = Number(process.env.BENCH_SCHEMA_MS ?? 3000);
const memberResources = Number(process.env.BENCH_MEMBER_RESOURCES ?? 200);

function memberId(index: number): string {
  return `b0000000-0000-4000-8000-${String(index).padStart(12, "0")}`;
}

function benchConnection(): ExternalConnection {
  return new ExternalConnection("bench", {
    connectionId: "benchmark",
    name: "Benchmark",
    description: "Benchmark connection",
    schema: {
      properties: [
        { name: "title", type: "string", isSearchable: true, isRetrievable: true, labels: ["title"] },
        { name: "url", type: "string", isRetrievable: true, labels: ["url"] },
        { name: "category", type: "string", isQueryable: true, isRetrievable: true, isRefinable: true },
      ],
    },
  });
}

/** Groups holding their whole member sets (`members`, synchronised in $batch calls). */
function groupsWithMemberSets(): void {
  const connection = benchConnection();
  const perGroup = Math.ceil(memberCount / groupCount);
  for (let g = 0; g < groupCount; g++) {
    const members = [];
    for (let m = g * perGroup; m < Math.min(memberCount, (g + 1) * perGroup); m++) members.push({ id: memberId(m), type: "user" as const });
    new ExternalGroup(`group${g}`, { connectionId: connection.connectionId, groupId: `group${g}`, displayName: `Group ${g}`, members });
  }
}

/** One group whose members are individual ExternalGroupMember resources (one request each). */
function memberResourcesProgram(): void {
  const connection = benchConnection();
  const group = new ExternalGroup("group", { connectionId: connection.connectionId, groupId: "group0", displayName: "Group 0" });
  for (let m = 0; m < memberResources; m++) {
    new ExternalGroupMember(`member${m}`, { connectionId: connection.connectionId, groupId: group.groupId, memberId: memberId(m), memberType: "user" });
  }
}

interface Row {
  step: string;
  seconds: number;
  httpRequests: number;
  graphOperations: number;
  resources: number;
}

async function measure(emulator: GraphEmulator, step: string, resources: number, run: () => Promise<unknown>): Promise<Row> {
  emulator.requests.length = 0;
  const started = process.hrtime.bigint();
  await run();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const httpRequests = emulator.requests.filter((entry) => !entry.inBatch).length;
  const graphOperations = emulator.requests.filter((entry) => !entry.path.endsWith("/$batch")).length;
  return { step, seconds, httpRequests, graphOperations, resources };
}

/** Runs up, a no-op preview, refresh and destroy of one program and prints a markdown table. */
async function scenario(emulator: GraphEmulator, title: string, resources: number, program: () => void): Promise<void> {
  const stack = await openStack({ stackName: "bench", projectName: "graph-connectors-bench", stateDir: mkdtempSync(join(tmpdir(), "graph-bench-")), emulatorUrl: emulator.url, program: async () => program() });
  const rows: Row[] = [
    await measure(emulator, "up (create)", resources, () => stack.up()),
    await measure(emulator, "preview (no changes)", resources, () => stack.preview({ expectNoChanges: true })),
    await measure(emulator, "refresh", resources, () => stack.refresh()),
    await measure(emulator, "destroy", resources, () => stack.destroy()),
  ];
  console.log(`\n${title} (${resources} resources; ${latencyMs} ms latency per HTTP request; schema provisioning ${schemaMs} ms, real Graph: 5-15 min)\n`);
  console.log("| step | wall time | Graph HTTP requests | Graph operations | HTTP requests per resource |");
  console.log("|---|---|---|---|---|");
  for (const row of rows) {
    console.log(`| ${row.step} | ${row.seconds.toFixed(1)} s | ${row.httpRequests} | ${row.graphOperations} | ${(row.httpRequests / row.resources).toFixed(2)} |`);
  }
}

async function main(): Promise<void> {
  const emulator = new GraphEmulator({ schemaProvisioningMs: schemaMs, deletionMs: 500, latencyMs });
  await emulator.start();
  try {
    await scenario(emulator, `Connection + schema + ${groupCount} groups with ${memberCount} members as \`members\` sets`, 1 + groupCount, groupsWithMemberSets);
    await scenario(emulator, `Connection + schema + 1 group with ${memberResources} ExternalGroupMember resources`, 2 + memberResources, memberResourcesProgram);
  } finally {
    await emulator.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
