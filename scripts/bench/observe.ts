/**
 * What one benchmark step costs: wall time, the Graph phase (first to last Graph request), HTTP requests,
 * operations, 429s and peak concurrent operations from the emulator's cost model, and the peak RSS of the
 * dynamic provider plugin process (sampled from /proc while the step runs).
 */
import { appendFileSync, readdirSync, readFileSync } from "node:fs";
import type { GraphEmulator, LoggedRequest } from "../../emulator";
import { CONNECTION_ID } from "./tenant";

export interface StepResult {
  step: string;
  wallSeconds: number;
  graphPhaseSeconds: number;
  requests: number;
  operations: number;
  throttled: number;
  peakConcurrency: number;
  /** Peak resident memory of the provider plugin, in MB (provider runs only). */
  providerRssMb?: number;
}

/**
 * Timestamps of Graph requests as the emulator answers them (wired to its `onRequest`). With a `traceFile`
 * (BENCH_TRACE), every answered request is also appended to it, in ms from the step's start, to see where a
 * step's time goes.
 */
export class RequestClock {
  private first?: number;
  private last?: number;
  private stepStarted = Date.now();

  constructor(private readonly traceFile?: string) {}

  record(entry: LoggedRequest): void {
    const now = Date.now();
    this.first ??= now;
    this.last = now;
    if (this.traceFile)
      appendFileSync(
        this.traceFile,
        `${now - this.stepStarted}\t${entry.method} ${entry.path} ${entry.status}${entry.inBatch ? " (in $batch)" : ""}\n`,
      );
  }

  /** A heading in the trace, e.g. the tenant and client whose steps follow. */
  traceNote(text: string): void {
    if (this.traceFile) appendFileSync(this.traceFile, `## ${text}\n`);
  }

  reset(step: string): void {
    this.first = undefined;
    this.last = undefined;
    this.stepStarted = Date.now();
    if (this.traceFile) appendFileSync(this.traceFile, `# ${step}\n`);
  }

  phaseSeconds(): number {
    return this.first === undefined ? 0 : (this.last! - this.first) / 1000;
  }
}

/** The plugin processes of this package: the dynamic provider (Pulumi's) and the native provider. */
const PROVIDER_COMMANDS = ["dynamic-provider", "pulumi-resource-graph-connectors"];

/** The largest VmRSS of any running provider plugin, in kB. */
function providerRssKb(): number {
  let max = 0;
  for (const pid of readdirSync("/proc").filter((name) => /^\d+$/.test(name))) {
    try {
      const command = readFileSync(`/proc/${pid}/cmdline`, "utf8");
      if (!PROVIDER_COMMANDS.some((name) => command.includes(name))) continue;
      const rss = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
      if (rss) max = Math.max(max, Number(rss[1]));
    } catch {
      // exited while we looked
    }
  }
  return max;
}

export async function measureStep(
  emulator: GraphEmulator,
  clock: RequestClock,
  step: string,
  run: () => Promise<unknown>,
  sampleProvider: boolean,
): Promise<StepResult> {
  emulator.resetStats();
  clock.reset(step);
  let peakRssKb = 0;
  const sampler = sampleProvider
    ? setInterval(() => {
        peakRssKb = Math.max(peakRssKb, providerRssKb());
      }, 200)
    : undefined;
  const started = process.hrtime.bigint();
  try {
    await run();
  } finally {
    if (sampler) clearInterval(sampler);
  }
  const stats = emulator.stats();
  return {
    step,
    wallSeconds: Number(process.hrtime.bigint() - started) / 1e9,
    graphPhaseSeconds: clock.phaseSeconds(),
    requests: stats.requests,
    operations: stats.operations,
    throttled: stats.throttled,
    peakConcurrency: stats.peakConcurrency[CONNECTION_ID] ?? 0,
    ...(sampleProvider ? { providerRssMb: Math.round(peakRssKb / 1024) } : {}),
  };
}
