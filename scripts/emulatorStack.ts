/**
 * Runs a Pulumi program through the Automation API against a local emulator (or a real tenant), with a
 * local file backend. Shared by `npm run demo`, the end-to-end tests and the benchmark.
 *
 * Programs run inline: the CLI talks to the language server inside this process (`--client`), so only the
 * `pulumi` binary is needed (see scripts/setup-pulumi.sh). The dynamic provider plugin runs in the
 * workspace directory and resolves `@pulumi/pulumi` and `pulumi-graph-connectors` from there, as it would
 * in a user's project; {@link projectDirectory} lays out such a directory linked to this package.
 */
import { existsSync, mkdirSync, symlinkSync } from "node:fs";
import { dirname, join } from "node:path";
import { LocalWorkspace, PulumiCommand, PulumiFn, Stack } from "@pulumi/pulumi/automation";
import { EMULATOR_CLIENT_ID, EMULATOR_CLIENT_SECRET, EMULATOR_TENANT_ID, emulatorEnvironment, trustBundlePath } from "../emulator";
import { EMULATOR_USER } from "../emulator/defaults";

export interface StackOptions {
  stackName: string;
  projectName?: string;
  program: PulumiFn;
  /** Directory of the file backend. */
  stateDir: string;
  /** Base URL of a running emulator; omit for a real tenant configured through `msgraph:*` or AZURE_*. */
  emulatorUrl?: string;
  /**
   * How the emulator's credential reaches the provider: `env` (AZURE_* variables, the CI pattern),
   * `config` (`msgraph:*` stack config with the secret stored as a secret), or `user` (the emulator's
   * built-in user signing in through AZURE_USERNAME/AZURE_PASSWORD: delegated tokens, which Application
   * Proxy resources need). @default "env"
   */
  credentialsVia?: "env" | "config" | "user";
  envVars?: Record<string, string>;
  /**
   * The CLI to run; by default the workspace finds `pulumi` on PATH and runs `pulumi version` to check it, once
   * per stack opened.
   */
  pulumiCommand?: PulumiCommand;
  /**
   * A project directory with its own Pulumi.yaml and node_modules (e.g. this repo's root); by default a
   * directory linked to this package is laid out under `stateDir`.
   */
  workDir?: string;
}

/** The root of this package (holding package.json), from dist/scripts or scripts/. */
export function packageRoot(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, "package.json"))) {
    if (dirname(dir) === dir) throw new Error(`no package.json above ${__dirname}`);
    dir = dirname(dir);
  }
  return dir;
}

/**
 * A project directory whose node_modules links `@pulumi/pulumi` and `pulumi-graph-connectors` to this
 * package, like `npm install pulumi-graph-connectors` would in a user's project.
 */
export function projectDirectory(parent: string): string {
  const root = packageRoot();
  const dir = join(parent, "project");
  mkdirSync(join(dir, "node_modules", "@pulumi"), { recursive: true });
  const links: Array<[string, string]> = [
    [join(root, "node_modules", "@pulumi", "pulumi"), join(dir, "node_modules", "@pulumi", "pulumi")],
    [root, join(dir, "node_modules", "pulumi-graph-connectors")],
  ];
  for (const [target, link] of links) if (!existsSync(link)) symlinkSync(target, link, "dir");
  return dir;
}

export async function openStack(options: StackOptions): Promise<Stack> {
  // A backend directory holding no stack yet: the stack is created (`pulumi stack init`) without first trying to
  // select it, one CLI run fewer.
  const freshBackend = !existsSync(join(options.stateDir, ".pulumi"));
  mkdirSync(options.stateDir, { recursive: true });
  const workDir = options.workDir ?? projectDirectory(options.stateDir);
  const projectName = options.projectName ?? "graph-connectors-demo";
  const envVars: Record<string, string> = {
    PULUMI_BACKEND_URL: `file://${options.stateDir}`,
    PULUMI_CONFIG_PASSPHRASE: process.env.PULUMI_CONFIG_PASSPHRASE ?? "",
    PULUMI_SKIP_UPDATE_CHECK: "true",
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
    ...options.envVars,
  };
  const url = options.emulatorUrl;
  if (url) {
    const { MSGRAPH_ENDPOINT, MSGRAPH_AUTHORITY_HOST, ...credentials } = emulatorEnvironment(url);
    Object.assign(envVars, { NODE_EXTRA_CA_CERTS: trustBundlePath(), MSGRAPH_ENDPOINT, MSGRAPH_AUTHORITY_HOST });
    if ((options.credentialsVia ?? "env") === "env") Object.assign(envVars, credentials);
    if (options.credentialsVia === "user") {
      Object.assign(envVars, {
        AZURE_TENANT_ID: EMULATOR_TENANT_ID,
        AZURE_CLIENT_ID: EMULATOR_CLIENT_ID,
        AZURE_USERNAME: EMULATOR_USER.username,
        AZURE_PASSWORD: EMULATOR_USER.password,
      });
    }
  }
  const args = { stackName: options.stackName, projectName, program: options.program };
  const workspace = {
    workDir,
    envVars,
    pulumiCommand: options.pulumiCommand,
    secretsProvider: "passphrase",
    // An explicit workDir brings its own Pulumi.yaml.
    ...(options.workDir ? {} : { projectSettings: { name: projectName, runtime: "nodejs" as const } }),
  };
  const stack = freshBackend
    ? await LocalWorkspace.createStack(args, workspace)
    : await LocalWorkspace.createOrSelectStack(args, workspace);
  if (url && options.credentialsVia === "config") {
    await stack.setAllConfig({
      "msgraph:tenantId": { value: EMULATOR_TENANT_ID },
      "msgraph:clientId": { value: EMULATOR_CLIENT_ID },
      "msgraph:clientSecret": { value: EMULATOR_CLIENT_SECRET, secret: true },
      "msgraph:endpoint": { value: url },
      "msgraph:authorityHost": { value: url },
    });
  }
  return stack;
}
