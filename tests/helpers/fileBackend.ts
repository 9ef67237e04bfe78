/**
 * A file backend's records, read from its files: a stack's checkpoint, its latest history entry, its outputs.
 *
 * After `up` the Automation API runs `pulumi stack output --json` twice (masked, then with --show-secrets) and
 * `pulumi stack history`; after refresh and destroy, `stack history`. Each is a start of the CLI, most derive the
 * passphrase's key, and all read back what the command just wrote. A file backend's records are files: the
 * stack's latest history entry, and its checkpoint holding the stack's outputs. Stacks opened here read them
 * from those files; an output the CLI would have to decrypt or convert (a secret, an asset, a resource
 * reference: each a signed object in the checkpoint) is still read through the CLI.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import type { OutputMap, Stack, UpdateSummary } from "@pulumi/pulumi/automation";

/** The key Pulumi marks its special values with (secrets, assets, resource references) in a checkpoint. */
const SIGNATURE_KEY = "4dabf18193072939515e22adb298388d";

/** Makes `stack` (in the file backend at `stateDir`) read its outputs and its last result from the backend's files. */
export function readResultsFromFiles(stack: Stack, stateDir: string): Stack {
  const throughCli = { outputs: stack.outputs.bind(stack), info: stack.info.bind(stack) };
  stack.outputs = async () => {
    const outputs = stackOutputs(stateDir, stack.name);
    if (holdsSignedValue(outputs)) return throughCli.outputs();
    return Object.fromEntries(Object.entries(outputs).map(([key, value]) => [key, { value, secret: false }])) as OutputMap;
  };
  stack.info = async (showSecrets?: boolean) => (showSecrets ? throughCli.info(showSecrets) : latestHistory(stateDir, stack.name));
  return stack;
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

/** The stack resource's outputs in the checkpoint. */
function stackOutputs(stateDir: string, stackName: string): Record<string, unknown> {
  const resources = (JSON.parse(checkpointText(stateDir, stackName)).checkpoint.latest?.resources ?? []) as Array<{
    type: string;
    outputs?: Record<string, unknown>;
  }>;
  return resources.find((resource) => resource.type === "pulumi:pulumi:Stack")?.outputs ?? {};
}

function holdsSignedValue(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(holdsSignedValue);
  if (typeof value !== "object" || value === null) return false;
  return SIGNATURE_KEY in value || Object.values(value).some(holdsSignedValue);
}

/** The stack's newest history entry, shaped as `pulumi stack history --json` prints it without --show-secrets. */
function latestHistory(stateDir: string, stackName: string): UpdateSummary | undefined {
  const history = join(stateDir, ".pulumi", "history");
  const dirs = readdirSync(history).flatMap((project) =>
    readdirSync(join(history, project))
      .filter((name) => name === stackName)
      .map((name) => join(history, project, name)),
  );
  if (dirs.length !== 1) throw new Error(`expected one history of ${stackName} in ${stateDir}, found ${dirs.length}`);
  // Entries are named <stack>-<Unix time in nanoseconds>.history.json.
  const stamp = (name: string) => BigInt(name.slice(stackName.length + 1, -".history.json".length));
  const entries = readdirSync(dirs[0])
    .filter((name) => name.endsWith(".history.json"))
    .sort((a, b) => (stamp(a) < stamp(b) ? -1 : 1));
  if (entries.length === 0) return undefined;
  const entry = JSON.parse(readFileSync(join(dirs[0], entries.at(-1)!), "utf8"));
  const config = Object.fromEntries(
    Object.entries((entry.config ?? {}) as Record<string, unknown>).map(([key, value]) =>
      typeof value === "object" && value !== null && "secure" in value
        ? [key, { value: "[secret]", secret: true }]
        : [key, { value: typeof value === "string" ? value : JSON.stringify(value), secret: false }],
    ),
  );
  return { ...entry, config, startTime: new Date(entry.startTime * 1000), endTime: new Date(entry.endTime * 1000) };
}
