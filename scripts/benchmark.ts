/**
 * `npm run bench`: the same tenant setups deployed, side by side in one run, by this provider through
 * `pulumi up`, by this provider's code without Pulumi (its resource handlers called directly) and by a
 * one-request-per-object client (serially and 16 at a time), against the emulator's cost
 * model (a service time per operation, Graph's 25 concurrent operations per connection, 429 beyond), next to
 * the limit that model allows (operations × service time ÷ 25, plus the schema wait). Steps: up, a no-op
 * preview, refresh, an update of 5 % of the members, destroy. The dynamic resources run twice: as deployed (a
 * checkpoint after every step) and with PULUMI_SKIP_CHECKPOINTS, which shows their own speed apart from the
 * engine's state writes, and a third time with the groups in one ExternalGroupSet (two saves per step instead
 * of two per group); the native provider (its generated nodejs SDK) runs as deployed, per group and as one set. After each run with
 * checkpoints, one save of its largest state is priced on this machine (scripts/bench/stateSave.ts), since
 * that price paces those steps and differs between machines. Writes docs/benchmark.md and docs/benchmark.svg.
 * Numbers are measured, never asserted.
 *
 * Options (env): BENCH_OP_MS (30), BENCH_LATENCY_MS (5), BENCH_SCHEMA_MS (3000), BENCH_PARALLEL (64, Pulumi's
 * --parallel), BENCH_LARGE=0 (skip the 500-group tenant), BENCH_OUT (docs). A partial run, e.g. another cost
 * model on the large tenant only: BENCH_TENANTS (small,resources,large) and BENCH_CLIENTS (provider,skip,set,
 * native,nativeset,direct,16,1) pick what runs; it writes benchmark.md with those tables and no chart. BENCH_TRACE=<file> appends
 * every Graph request the emulator answers to that file, with its time in ms from its step's start.
 * BENCH_KEEP_STATE=1 keeps each provider run's state directory and says where (its history holds a checkpoint
 * per step, which scripts/bench/checkpoint-cost.sh prices); otherwise each is removed after its run.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { EMULATOR_CLIENT_ID, EMULATOR_CLIENT_SECRET, EMULATOR_TENANT_ID, GraphEmulator } from "../emulator";
import { GraphClient } from "../provider/graph/client";
import { ClientSecretCredential } from "@azure/identity";
import { CONCURRENT_OPERATIONS_PER_CONNECTION } from "../model/limits";
import { chartSvg } from "./bench/chart";
import { DirectClient } from "./bench/directClient";
import { NaiveClient } from "./bench/naiveClient";
import { measureStep, RequestClock, StepResult } from "./bench/observe";
import { priceStateSave } from "./bench/stateSave";
import { program, ResourceClasses, resourceCount, Tenant } from "./bench/tenant";
import { openStack, packageRoot, projectDirectory } from "./emulatorStack";
import { installNativeSdk } from "./nativeSdk";
import { installPackageCopy } from "./packageCopy";
import { requireInstalled } from "./requireInstalled";

const opMs = Number(process.env.BENCH_OP_MS ?? 30);
const latencyMs = Number(process.env.BENCH_LATENCY_MS ?? 5);
const schemaMs = Number(process.env.BENCH_SCHEMA_MS ?? 3000);
const parallel = Number(process.env.BENCH_PARALLEL ?? 64);
const outDir = process.env.BENCH_OUT ?? join(packageRoot(), "docs");

const SMALL: Tenant = { name: "50 groups, 2,000 members", groups: 50, members: 2000, asResources: false };
const LARGE: Tenant = { name: "500 groups, 20,000 members", groups: 500, members: 20000, asResources: false };
const RESOURCES: Tenant = { name: "1 group, 200 ExternalGroupMember resources", groups: 1, members: 200, asResources: true };

interface ClientRun {
  client: string;
  steps: StepResult[];
  /** This provider's code (through Pulumi or not): its steps are set against the limit and the floor. */
  bounded: boolean;
  /** A Pulumi run with checkpoints: what one save of its largest state cost on this machine (scripts/bench/stateSave.ts). */
  stateSave?: string;
}

/**
 * The provider through `pulumi up`. With `skipCheckpoints`, Pulumi writes the state once at the end instead of
 * after every step (PULUMI_SKIP_CHECKPOINTS): on a large stack the file backend's per-step checkpoint (the
 * whole state, rewritten ~500 times) is what paces the engine, so that run shows the provider's own speed.
 */
async function providerRun(emulator: GraphEmulator, clock: RequestClock, tenant: Tenant, kind: ProviderKind): Promise<ClientRun> {
  const state = { revision: 0 };
  const stateDir = mkdtempSync(join(tmpdir(), "graph-bench-"));
  // The program declares its resources with the package as a project has it installed (the native
  // provider's generated SDK, or this package copied into node_modules: its state is the one users get).
  const workDir = join(stateDir, "project");
  mkdirSync(workDir, { recursive: true });
  writeFileSync(join(workDir, "Pulumi.yaml"), "name: graph-connectors-bench\nruntime: nodejs\n");
  const classes = requireInstalled<ResourceClasses>(
    kind.startsWith("native provider") ? installNativeSdk(projectDirectory(stateDir)) : installPackageCopy(workDir),
  );
  const stack = await openStack({
    stackName: "bench",
    projectName: "graph-connectors-bench",
    stateDir,
    emulatorUrl: emulator.url,
    workDir,
    program: async () => program(tenant, state.revision, classes, kind.endsWith("one set"))(),
    envVars: kind === "provider, skip checkpoints" ? { PULUMI_SKIP_CHECKPOINTS: "true" } : {},
  });
  const step = (name: string, run: () => Promise<unknown>) => measureStep(emulator, clock, name, run, true);
  const steps = [
    await step("up", () => stack.up({ parallel })),
    await step("preview (no changes)", () => stack.preview({ parallel, expectNoChanges: true })),
    await step("refresh", () => stack.refresh({ parallel })),
    await step("update 5 %", () => {
      state.revision = 1;
      return stack.up({ parallel });
    }),
    await step("destroy", () => stack.destroy({ parallel })),
  ];
  // Priced after the steps, so that pricing takes nothing from them.
  const stateSave = kind === "provider, skip checkpoints" ? undefined : priceStateSave(stateDir);
  if (process.env.BENCH_KEEP_STATE) console.error(`bench: ${tenant.name}, ${kind}: state kept in ${stateDir}`);
  else rmSync(stateDir, { recursive: true, force: true });
  return { client: CLIENT_NAMES[kind], steps, bounded: true, stateSave };
}

/** A client without Pulumi (nothing to preview) runs the steps itself. */
interface StepsClient {
  up(): Promise<void>;
  refresh(): Promise<void>;
  update(): Promise<void>;
  destroy(): Promise<void>;
}

async function clientSteps(emulator: GraphEmulator, clock: RequestClock, client: StepsClient): Promise<StepResult[]> {
  const step = (name: string, run: () => Promise<unknown>) => measureStep(emulator, clock, name, run, false);
  return [
    await step("up", () => client.up()),
    await step("refresh", () => client.refresh()),
    await step("update 5 %", () => client.update()),
    await step("destroy", () => client.destroy()),
  ];
}

/** The provider's resource handlers called directly, `parallel` at a time (scripts/bench/directClient.ts). */
async function directRun(emulator: GraphEmulator, clock: RequestClock, tenant: Tenant): Promise<ClientRun> {
  const steps = await clientSteps(emulator, clock, new DirectClient(emulator.url, tenant, parallel));
  return { client: DIRECT_CLIENT_NAME, steps, bounded: true };
}

async function naiveRun(emulator: GraphEmulator, clock: RequestClock, tenant: Tenant, concurrency: number): Promise<ClientRun> {
  const graph = new GraphClient({
    endpoint: emulator.url,
    credential: new ClientSecretCredential(EMULATOR_TENANT_ID, EMULATOR_CLIENT_ID, EMULATOR_CLIENT_SECRET, {
      authorityHost: emulator.url,
      disableInstanceDiscovery: true,
    }),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    now: Date.now,
    // No budget: a script sends as much as it is told to.
    concurrencyLimit: 1_000_000,
  });
  const steps = await clientSteps(emulator, clock, new NaiveClient(graph, tenant, concurrency));
  return {
    client: concurrency === 1 ? "one request per object, serially" : `one request per object, ${concurrency} at a time`,
    steps,
    bounded: false,
  };
}

/**
 * The cost model's bound for a step: its operations at 25 in flight, each taking the service time (plus the
 * schema wait for up). With `latencyMs`, each operation's slot also waits out the latency of the request that
 * carries it: the floor of any client that sends within the 25 only what it knows to be free (it learns that
 * an operation ended from its answer) and sends each operation alone or in a parallel batch. A sequential
 * batch's requests after the first pay no latency of their own, so chains go below it.
 */
function boundSeconds(step: StepResult, latency = 0): number {
  return (step.operations * (opMs + latency)) / CONCURRENT_OPERATIONS_PER_CONNECTION / 1000 + (step.step === "up" ? schemaMs / 1000 : 0);
}

const limitSeconds = (step: StepResult) => boundSeconds(step);

/** "7.0 s (1.29×)": the Graph phase against a bound. */
function against(step: StepResult, bound: number): string {
  return bound > 0 ? `${bound.toFixed(1)} s (${(step.graphPhaseSeconds / bound).toFixed(2)}×)` : `${bound.toFixed(1)} s`;
}

function table(tenant: Tenant, runs: ClientRun[]): string {
  const lines = [
    `### ${tenant.name} (${resourceCount(tenant)} Pulumi resources)`,
    "",
    "| client | step | wall time | Graph phase | limit (×) | parallel floor (×) | HTTP requests | operations | 429s | peak concurrent | provider RSS |",
    "|---|---|---|---|---|---|---|---|---|---|---|",
  ];
  for (const run of runs) {
    for (const step of run.steps) {
      const limit = run.bounded ? against(step, limitSeconds(step)) : "";
      const floor = run.bounded ? against(step, boundSeconds(step, latencyMs)) : "";
      lines.push(
        `| ${run.client} | ${step.step} | ${step.wallSeconds.toFixed(1)} s | ${step.graphPhaseSeconds.toFixed(1)} s | ${limit} | ${floor} | ${step.requests} | ${step.operations} | ` +
          `${step.throttled} | ${step.peakConcurrency} | ${step.providerRssMb === undefined ? "" : `${step.providerRssMb} MB`} |`,
      );
    }
  }
  const saves = runs.filter((run) => run.stateSave !== undefined).map((run) => `${run.client}: ${run.stateSave}`);
  if (saves.length > 0) {
    lines.push(
      "",
      `One save of the run's largest state by Pulumi's file backend on this machine (scripts/bench/checkpoint-cost.sh); ` +
        `each resource a step creates, updates or deletes costs two, one at a time: ${saves.join("; ")}.`,
    );
  }
  return lines.join("\n");
}

function growth(small: ClientRun[], large: ClientRun[]): string {
  const lines = ["| client | step | wall time ×| HTTP requests × | provider RSS × |", "|---|---|---|---|---|"];
  for (const run of small) {
    const other = large.find((candidate) => candidate.client === run.client);
    for (const step of run.steps) {
      const next = other?.steps.find((candidate) => candidate.step === step.step);
      if (!next) continue;
      const ratio = (a: number, b: number) => (a > 0 ? `${(b / a).toFixed(1)}` : "–");
      lines.push(
        `| ${run.client} | ${step.step} | ${ratio(step.wallSeconds, next.wallSeconds)} | ${ratio(step.requests, next.requests)} | ` +
          `${step.providerRssMb ? ratio(step.providerRssMb, next.providerRssMb ?? 0) : ""} |`,
      );
    }
  }
  return lines.join("\n");
}

type ProviderKind = "provider" | "provider, skip checkpoints" | "provider, one set" | "native provider" | "native provider, one set";
/** A Pulumi run, the provider's code without Pulumi, or a one-request-per-object client N at a time. */
type ClientKind = ProviderKind | "direct" | number;

const CLIENT_NAMES: Record<ProviderKind, string> = {
  provider: "this provider (pulumi up)",
  "provider, skip checkpoints": "this provider (pulumi up), PULUMI_SKIP_CHECKPOINTS",
  "provider, one set": "this provider (pulumi up), the groups in one ExternalGroupSet",
  "native provider": "native provider (pulumi up)",
  "native provider, one set": "native provider (pulumi up), the groups in one ExternalGroupSet",
};
const DIRECT_CLIENT_NAME = `provider code without Pulumi (${parallel} resources at a time)`;

async function runTenant(emulator: GraphEmulator, clock: RequestClock, tenant: Tenant, clients: ClientKind[]): Promise<ClientRun[]> {
  const runs: ClientRun[] = [];
  for (const client of clients) {
    emulator.reset();
    const label = `${tenant.name}: ${typeof client === "number" ? `naive ×${client}` : client}`;
    console.error(`bench: ${label}`);
    clock.traceNote(label);
    if (typeof client === "number") runs.push(await naiveRun(emulator, clock, tenant, client));
    else if (client === "direct") runs.push(await directRun(emulator, clock, tenant));
    else runs.push(await providerRun(emulator, clock, tenant, client));
  }
  return runs;
}

const CLIENT_OPTIONS: Record<string, ClientKind> = {
  provider: "provider",
  skip: "provider, skip checkpoints",
  set: "provider, one set",
  native: "native provider",
  nativeset: "native provider, one set",
  direct: "direct",
  16: 16,
  1: 1,
};
const listed = (variable: string) =>
  process.env[variable]
    ?.split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
const tenantsAsked = listed("BENCH_TENANTS");
const clientsAsked = listed("BENCH_CLIENTS")?.map((name) => {
  if (!(name in CLIENT_OPTIONS)) throw new Error(`BENCH_CLIENTS: unknown client '${name}' (${Object.keys(CLIENT_OPTIONS).join(", ")})`);
  return CLIENT_OPTIONS[name];
});
const partial = tenantsAsked !== undefined || clientsAsked !== undefined;

/** The clients a tenant runs with, narrowed by BENCH_TENANTS and BENCH_CLIENTS. */
function clientsFor(tenant: "small" | "resources" | "large", all: ClientKind[]): ClientKind[] {
  if (tenantsAsked && !tenantsAsked.includes(tenant)) return [];
  return clientsAsked ? all.filter((client) => clientsAsked.includes(client)) : all;
}

/** The command that made this output, with the BENCH_* settings it was given. */
function benchCommand(): string {
  const settings = Object.entries(process.env)
    .filter(([name]) => name.startsWith("BENCH_"))
    .sort(([a], [b]) => a.localeCompare(b));
  return [...settings.map(([name, value]) => `${name}=${value}`), "npm run bench"].join(" ");
}

async function main(): Promise<void> {
  const clock = new RequestClock(process.env.BENCH_TRACE || undefined);
  const emulator = new GraphEmulator({
    schemaProvisioningMs: schemaMs,
    deletionMs: 500,
    latencyMs,
    opMs,
    onRequest: (entry) => clock.record(entry),
  });
  await emulator.start();
  try {
    const small = await runTenant(
      emulator,
      clock,
      SMALL,
      clientsFor("small", [
        "provider",
        "provider, skip checkpoints",
        "provider, one set",
        "native provider",
        "native provider, one set",
        "direct",
        16,
        1,
      ]),
    );
    const resources = await runTenant(
      emulator,
      clock,
      RESOURCES,
      clientsFor("resources", ["provider", "provider, skip checkpoints", "native provider", "direct", 16, 1]),
    );
    // Serially, the large tenant takes 20,000 × (latency + service time): it is left out.
    const large =
      process.env.BENCH_LARGE === "0"
        ? []
        : await runTenant(
            emulator,
            clock,
            LARGE,
            clientsFor("large", [
              "provider",
              "provider, skip checkpoints",
              "provider, one set",
              "native provider",
              "native provider, one set",
              "direct",
              16,
            ]),
          );
    const report = [
      "# Benchmark",
      "",
      `Generated by \`${benchCommand()}\`: emulator service time ${opMs} ms per operation, ${latencyMs} ms latency per HTTP request, ` +
        `${CONCURRENT_OPERATIONS_PER_CONNECTION} concurrent operations per connection (429 beyond), schema provisioning ${schemaMs} ms ` +
        `(real Graph: 5–15 minutes), Pulumi \`--parallel ${parallel}\`. "Graph phase" is first to last Graph request; "limit" is the provider's ` +
        `operations × ${opMs} ms ÷ ${CONCURRENT_OPERATIONS_PER_CONNECTION} (+ the schema wait for up), what the cost model allows with no network latency; ` +
        `"parallel floor" is operations × (${opMs} + ${latencyMs}) ms ÷ ${CONCURRENT_OPERATIONS_PER_CONNECTION} (+ the schema wait), the best a client can do that sends ` +
        `every operation in a parallel batch or alone, only into operation slots it knows are free (it learns an operation ended from its answer): ` +
        `each operation's slot also waits out a request's latency. Sequential batches (10 to 20 requests, each depending on the one before) pay one ` +
        `latency per chain and go below it. The ratios are the Graph phase's.`,
      ...(small.length > 0 ? ["", table(SMALL, small)] : []),
      ...(resources.length > 0 ? ["", table(RESOURCES, resources)] : []),
      ...(large.length > 0 ? ["", table(LARGE, large)] : []),
      ...(small.length > 0 && large.length > 0 ? ["", "### Growth from 2,000 to 20,000 members", "", growth(small, large)] : []),
      "",
    ].join("\n");
    mkdirSync(outDir, { recursive: true });
    writeFileSync(join(outDir, "benchmark.md"), report);
    if (partial) {
      console.log(report);
      return;
    }
    const pick = (runs: ClientRun[], client: string, field: "wallSeconds" | "requests") =>
      runs.find((run) => run.client.startsWith(client))?.steps[0][field];
    // A client's `up` at both sizes (undefined where it did not run, e.g. serially on the large tenant).
    const series = (label: string, color: string, client: string) => ({
      label,
      color,
      wallSeconds: [pick(small, client, "wallSeconds"), pick(large, client, "wallSeconds")],
      requests: [pick(small, client, "requests"), pick(large, client, "requests")],
    });
    const limitOf = (runs: ClientRun[]) => runs.find((run) => run.client.startsWith("this"))?.steps[0];
    writeFileSync(
      join(outDir, "benchmark.svg"),
      chartSvg(
        ["2,000 members", "20,000 members"],
        [
          series("this provider", "#2b6cb0", "this provider (pulumi up)"),
          series("provider, skip checkpoints", "#63b3ed", "this provider (pulumi up), PULUMI"),
          series("provider, one group set", "#2c7a7b", "this provider (pulumi up), the groups"),
          series("native provider", "#805ad5", "native provider"),
          series("per object, 16 at a time", "#dd6b20", "one request per object, 16"),
          series("per object, serially", "#a0aec0", "one request per object, serially"),
          {
            label: "limit (cost model)",
            color: "#38a169",
            wallSeconds: [limitOf(small) && limitSeconds(limitOf(small)!), limitOf(large) && limitSeconds(limitOf(large)!)],
            requests: [undefined, undefined],
          },
        ],
      ),
    );
    console.log(report);
  } finally {
    await emulator.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
