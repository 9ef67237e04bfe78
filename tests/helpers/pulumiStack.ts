/**
 * End-to-end helpers: a Pulumi stack per test in a temporary file backend, run by the real Pulumi CLI
 * through the Automation API against the file's emulator.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { execFileSync } from "node:child_process";
import type { PulumiFn, Stack } from "@pulumi/pulumi/automation";
import { GraphEmulator } from "../../emulator";
import { openStack, StackOptions } from "../../scripts/emulatorStack";
import { scratchDir } from "./scratch";

/**
 * `describe` for end-to-end suites: they need the Pulumi CLI, which `npm test` provides; only an explicit
 * PULUMI_GRAPH_SKIP_CLI=1 (quick local runs) skips them.
 */
export const describeWithCli = process.env.PULUMI_GRAPH_SKIP_CLI ? describe.skip : describe;

/** Fails loudly when the CLI is missing instead of silently passing. */
export function requirePulumiCli(): void {
  try {
    execFileSync("pulumi", ["version"], { stdio: "pipe" });
  } catch {
    throw new Error("the Pulumi CLI is not on PATH; run the tests with `npm test`, which provides it");
  }
}

let counter = 0;
const stateDirs = new WeakMap<Stack, string>();

export async function emulatorStack(emulator: GraphEmulator, program: PulumiFn, options: Partial<StackOptions> = {}): Promise<Stack> {
  counter += 1;
  const stateDir = scratchDir("graph-e2e-");
  const stack = await openStack({
    stackName: `e2e${counter}`,
    projectName: "graph-connectors-e2e",
    stateDir,
    emulatorUrl: emulator.url,
    program,
    ...options,
  });
  stateDirs.set(stack, stateDir);
  return stack;
}

/**
 * The stack's checkpoint exactly as the file backend stored it. (The Automation API's exportStack passes
 * --show-secrets, which would decrypt secrets and hide what is really at rest.)
 */
export function storedState(stack: Stack): string {
  return checkpointText(stateDirs.get(stack)!, stack.name);
}

/** The checkpoint file of `stackName` in the file backend at `stateDir`, as text. */
export function checkpointText(stateDir: string, stackName: string): string {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name === `${stackName}.json`) files.push(path);
    }
  };
  walk(join(stateDir, ".pulumi", "stacks"));
  if (files.length !== 1) throw new Error(`expected one checkpoint for ${stackName}, found ${files.length}`);
  return readFileSync(files[0], "utf8");
}

/** Graph-level state of the emulator, compactly: connection ids with their group ids and member ids. */
export function tenantSummary(emulator: GraphEmulator): Record<string, Record<string, string[]>> {
  return Object.fromEntries(
    emulator.store
      .connections()
      .map((connection) => [
        connection.entity.id as string,
        Object.fromEntries([...connection.groups.values()].map((group) => [group.id, [...group.members.keys()].sort()])),
      ]),
  );
}
