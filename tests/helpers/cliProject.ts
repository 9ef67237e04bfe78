/**
 * A Pulumi project run the way users run one: the real `pulumi` CLI in the project directory (`pulumi preview`,
 * `up`, `refresh`, `import`, `destroy`), its language host found like the CLI finds it, never the Automation
 * API's inline mode. The project is a copy of one of `examples/`, with a file backend, a PULUMI_HOME of its
 * own and the native provider plugin made reachable by pluginDiscovery.ts; the provider reaches the emulator
 * through the environment, as in a user's CI.
 */
import { execFile } from "node:child_process";
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { emulatorEnvironment, GraphEmulator, trustBundlePath } from "../../emulator";
import { packageRoot, projectDirectory } from "../../scripts/emulatorStack";
import { PluginDiscovery, providePlugin } from "./pluginDiscovery";
import { scratchDir } from "./scratch";

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
  /** stdout and stderr, as a person reads them in a terminal. */
  output: string;
}

export interface CliProject {
  dir: string;
  /** The file backend's directory. */
  stateDir: string;
  env: Record<string, string>;
  /** Runs `pulumi <args>` in the project directory; resolves whatever the exit code. */
  run(args: string[]): Promise<CliResult>;
  /** Runs `pulumi <args>` and fails, with its output, unless it exits 0. */
  ok(args: string[]): Promise<CliResult>;
  program(): string;
  /** Replaces the project's Pulumi.yaml (the program of a YAML project). */
  setProgram(text: string): void;
}

/** Long enough for a slow `pulumi up` on a loaded machine; a hung command still fails the test. */
const COMMAND_TIMEOUT_MS = 300_000;

export async function cliProject(
  example: string,
  options: { emulator: GraphEmulator; discovery: PluginDiscovery; env?: Record<string, string> },
): Promise<CliProject> {
  const scratch = scratchDir("graph-cli-");
  const dir = projectDirectory(scratch);
  const source = join(packageRoot(), "examples", example);
  for (const name of readdirSync(source)) copyFileSync(join(source, name), join(dir, name));
  const stateDir = join(scratch, "state");
  const pulumiHome = join(scratch, "pulumi-home");
  const env: Record<string, string> = {
    ...stringEnv(process.env),
    PULUMI_BACKEND_URL: `file://${stateDir}`,
    PULUMI_CONFIG_PASSPHRASE: "",
    PULUMI_SKIP_UPDATE_CHECK: "true",
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
    NODE_EXTRA_CA_CERTS: trustBundlePath(),
    ...emulatorEnvironment(options.emulator.url),
    ...(await providePlugin(options.discovery, dir, pulumiHome)),
    ...options.env,
  };
  mkdirSync(stateDir, { recursive: true });
  const run = (args: string[]) =>
    new Promise<CliResult>((resolve) => {
      execFile(
        "pulumi",
        [...args, "--non-interactive"],
        { cwd: dir, env, maxBuffer: 64 * 1024 * 1024, timeout: COMMAND_TIMEOUT_MS },
        (error, stdout, stderr) => {
          const code = error ? (typeof (error as { code?: unknown }).code === "number" ? (error as { code: number }).code : 1) : 0;
          resolve({ code, stdout, stderr, output: `${stdout}\n${stderr}` });
        },
      );
    });
  return {
    dir,
    stateDir,
    env,
    run,
    async ok(args) {
      const result = await run(args);
      if (result.code !== 0) throw new Error(`pulumi ${args.join(" ")} exited with ${result.code}:\n${result.output}`);
      return result;
    },
    program: () => readFileSync(join(dir, "Pulumi.yaml"), "utf8"),
    setProgram: (text) => writeFileSync(join(dir, "Pulumi.yaml"), text),
  };
}

function stringEnv(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined));
}
