/**
 * End-to-end helpers: a Pulumi stack per test in a temporary file backend, run by the real Pulumi CLI
 * through the Automation API against the file's emulator.
 */
import { PulumiCommand } from "@pulumi/pulumi/automation";
import type { PulumiFn, Stack } from "@pulumi/pulumi/automation";
import { GraphEmulator } from "../../emulator";
import { openStack, StackOptions } from "../../scripts/emulatorStack";
import { checkpointText, readResultsFromFiles } from "./fileBackend";
import { scratchDir } from "./scratch";

/**
 * `describe` for end-to-end suites: they need the Pulumi CLI, which `npm test` provides; only an explicit
 * PULUMI_GRAPH_SKIP_CLI=1 (quick local runs) skips them.
 */
export const describeWithCli = process.env.PULUMI_GRAPH_SKIP_CLI ? describe.skip : describe;

/**
 * Fails loudly when the CLI is missing instead of silently passing. The same `pulumi version` run finds the CLI
 * for the Automation API ({@link pulumiCli}), so a file runs it once.
 */
export async function requirePulumiCli(): Promise<void> {
  await pulumiCli().catch(() => {
    throw new Error("the Pulumi CLI is not on PATH; run the tests with `npm test`, which provides it");
  });
}

/** The CLI on PATH, found and its version checked once per test file rather than once per stack. */
let cli: Promise<PulumiCommand> | undefined;
export function pulumiCli(): Promise<PulumiCommand> {
  return (cli ??= PulumiCommand.get());
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
    pulumiCommand: await pulumiCli(),
    ...options,
  });
  stateDirs.set(stack, stateDir);
  return readResultsFromFiles(stack, stateDir);
}

export { checkpointText };

/**
 * The stack's checkpoint exactly as the file backend stored it. (The Automation API's exportStack passes
 * --show-secrets, which would decrypt secrets and hide what is really at rest.)
 */
export function storedState(stack: Stack): string {
  return checkpointText(stateDirs.get(stack)!, stack.name);
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
