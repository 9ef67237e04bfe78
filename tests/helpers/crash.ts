/**
 * Killing a real deployment: a child process runs `pulumi up` (tests/helpers/crashProgram.js) and the test
 * sends SIGKILL to it and every process under it (Node, the Pulumi CLI, the provider plugin) at a chosen moment.
 */
import { ChildProcess, spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { PulumiFn, Stack } from "@pulumi/pulumi/automation";
import { openStack } from "../../scripts/emulatorStack";
import type { FaultRule, GraphEmulator } from "../../emulator";
import { checkpointText, readResultsFromFiles } from "./fileBackend";
import { pulumiCli } from "./pulumiStack";
import { scratchDir } from "./scratch";

// eslint-disable-next-line @typescript-eslint/no-require-imports -- plain JavaScript, shared with the child process that runs it
const { programFrom } = require("./crashProgram.js") as { programFrom: (spec: CrashSpec) => PulumiFn };

export interface CrashSpec {
  connection: Record<string, unknown>;
  groups?: Array<{ name: string; groupId: string; displayName: string; members: string[] }>;
}

const PROJECT = "graph-connectors-crash";
let counter = 0;

/** A stack in its own file backend, openable both by a child process and by the test. */
export class CrashStack {
  readonly stateDir = scratchDir("graph-crash-");
  readonly stackName = `crash${++counter}`;

  constructor(private readonly emulator: GraphEmulator) {}

  /** The stack, run in this process with `spec`'s program (for set-up and recovery). */
  async open(spec: CrashSpec): Promise<Stack> {
    const stack = await openStack({
      stackName: this.stackName,
      projectName: PROJECT,
      stateDir: this.stateDir,
      emulatorUrl: this.emulator.url,
      program: programFrom(spec),
      pulumiCommand: await pulumiCli(),
    });
    return readResultsFromFiles(stack, this.stateDir);
  }

  /** Starts `pulumi up` (or `pulumi destroy`) of `spec` in a child process group, to be killed. */
  deployInChild(spec: CrashSpec, command: "up" | "destroy" = "up"): ChildDeployment {
    const child = spawn(
      process.execPath,
      [
        join(__dirname, "crashProgram.js"),
        JSON.stringify({
          stateDir: this.stateDir,
          stackName: this.stackName,
          emulatorUrl: this.emulator.url,
          spec,
          command,
        }),
      ],
      { stdio: ["ignore", "pipe", "pipe"] },
    );
    return new ChildDeployment(child);
  }

  /** The checkpoint as the file backend stored it. */
  checkpoint(): {
    resources: Array<{ urn: string; type: string; id?: string; outputs?: Record<string, unknown> }>;
    pending_operations?: Array<{ type: string; resource: { urn: string } }>;
  } {
    return JSON.parse(checkpointText(this.stateDir, this.stackName)).checkpoint.latest;
  }

  /** Resources of a type in the checkpoint (the `pulumi-nodejs:dynamic:Resource` type holds every dynamic one). */
  urnsOf(name: string): string[] {
    return (this.checkpoint().resources ?? []).map((resource) => resource.urn).filter((urn) => urn.endsWith(`::${name}`));
  }
}

export class ChildDeployment {
  private output = "";
  readonly exited: Promise<number | null>;

  constructor(private readonly child: ChildProcess) {
    child.stdout!.on("data", (chunk) => {
      this.output += String(chunk);
    });
    child.stderr!.on("data", (chunk) => {
      this.output += String(chunk);
    });
    this.exited = new Promise((resolve) => child.on("exit", (code) => resolve(code)));
  }

  /**
   * SIGKILL to the child and every process under it, all at once, as when a CI runner is lost: nothing gets
   * to clean up. The Pulumi CLI starts each plugin in a process group of its own, so the tree is walked
   * (through /proc) rather than signalling one group; a plugin left running would go on deploying.
   */
  async kill(): Promise<void> {
    const tree = descendants(this.child.pid!);
    for (const pid of [this.child.pid!, ...tree]) {
      try {
        process.kill(pid, "SIGKILL");
      } catch {
        // already gone
      }
    }
    await this.exited;
  }

  get log(): string {
    return this.output;
  }
}

/** Every process below `root`, from the parent links in /proc/<pid>/stat. */
function descendants(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, "utf8");
      // The command name may hold spaces and parentheses; the parent pid is the second field after the last ")".
      const parent = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      children.set(parent, [...(children.get(parent) ?? []), Number(name)]);
    } catch {
      // exited while we looked
    }
  }
  const found: number[] = [];
  const visit = (pid: number) => {
    for (const child of children.get(pid) ?? []) {
      found.push(child);
      visit(child);
    }
  };
  visit(root);
  return found;
}

/**
 * Deploys `spec` in a child, holds the request `fault` matches (a `delayMs` rule), kills the whole run once
 * that request has reached Graph, and waits until Graph has carried it out (its `done` log line): the
 * request happened, the client never learnt it.
 */
export async function killDuringRequest(
  emulator: GraphEmulator,
  crash: CrashStack,
  spec: CrashSpec,
  fault: FaultRule,
  done: string,
): Promise<void> {
  emulator.addFaults(fault);
  const run = crash.deployInChild(spec);
  await until("the held request to reach Graph", () => emulator.pendingFaults() === 0);
  await run.kill();
  await until("Graph to carry out the held request", () => emulator.requestLog().includes(done));
}

/** Polls `condition` every 50 ms until it holds; fails with `what` after `timeoutMs`. */
export async function until(what: string, condition: () => boolean, timeoutMs = 180_000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
