/**
 * The self-contained plugin (scripts/plugin/): the linux-amd64 archive is built from this checkout, its
 * executable serves Pulumi's protocol with nothing on PATH (no Node.js), and the Pulumi CLI installs it from the
 * archive file and from a server the way it installs from a GitHub release, then runs stacks with it: Node.js
 * programs whose CLI has no node on PATH, and the registry docs' YAML program through Pulumi YAML.
 */
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { createServer, Server } from "node:http";
import { AddressInfo } from "node:net";
import { basename, dirname, join } from "node:path";
import { promisify } from "node:util";
import { LocalWorkspace } from "@pulumi/pulumi/automation";
import { emulatorEnvironment, trustBundlePath } from "../../emulator";
import { projectDirectory } from "../../scripts/emulatorStack";
import { installNativeSdk } from "../../scripts/nativeSdk";
import type { PluginBuild } from "../../scripts/plugin/build";
import { cachedPluginBuild } from "../../scripts/plugin/cachedBuild";
import { executableName, targetNamed } from "../../scripts/plugin/targets";
import { toStruct } from "../../provider/native/properties";
import { graphCalls, TITLE_SCHEMA, useEmulator } from "../helpers/harness";
import {
  checkRequest,
  configureProviderRequest,
  emulatorConfig,
  empty,
  plain,
  proto,
  readRequest,
  startPlugin,
  TYPE,
  URN,
} from "../helpers/nativePlugin";
import { describeWithCli, emulatorStack, requirePulumiCli, storedState, tenantSummary } from "../helpers/pulumiStack";
import { scratchDir } from "../helpers/scratch";
import { requireInstalled } from "../../scripts/requireInstalled";
import packageJson from "../../package.json";

const env = useEmulator({ schemaProvisioningMs: 200, deletionMs: 200 });
// The first build on a machine downloads the pinned Node.js (about 30 MB) from the npm registry.
jest.setTimeout(600_000);

const run = promisify(execFile);
const root = join(__dirname, "..", "..");
const { version } = packageJson;
const LINUX = targetNamed("linux-amd64");
let build: PluginBuild;
let executable: string;

beforeAll(async () => {
  build = await cachedPluginBuild(LINUX);
  const unpacked = scratchDir("graph-plugin-unpacked-");
  await run("tar", ["-xzf", build.archives[LINUX.name], "-C", unpacked]);
  executable = join(unpacked, executableName(LINUX));
});

describe("the self-contained plugin archive", () => {
  test("is named as Pulumi expects, holds the executable, and the checksums file has its sha256", async () => {
    expect(basename(build.archives[LINUX.name])).toBe(`pulumi-resource-graph-connectors-v${version}-linux-amd64.tar.gz`);
    const { stdout } = await run("tar", ["-tzf", build.archives[LINUX.name]]);
    expect(
      stdout
        .split("\n")
        .filter((line) => line && line !== "./")
        .sort(),
    ).toEqual(["./CHANGELOG.md", "./README.md", "./pulumi-resource-graph-connectors"]);
    const sha256 = createHash("sha256").update(readFileSync(build.archives[LINUX.name])).digest("hex");
    expect(readFileSync(build.checksums, "utf8")).toBe(`${sha256}  pulumi-resource-graph-connectors-v${version}-linux-amd64.tar.gz\n`);
    expect(basename(build.checksums)).toBe(`pulumi-graph-connectors_${version}_checksums.txt`);
  });

  test("bundles every module the plugin requires: esbuild left no require unresolved", () => {
    // An optional module left unresolved would throw at run time where the code requires it.
    expect(build.bundleWarnings).toEqual([]);
  });

  test("its executable serves the protocol with an empty PATH: Configure, Check, Create, Read, Delete against the emulator", async () => {
    // Nothing but the emulator's CA: no node to find, no AZURE_* credential, no HOME.
    const plugin = await startPlugin({ PATH: "", NODE_EXTRA_CA_CERTS: trustBundlePath() }, { command: [executable] });
    try {
      const info = await plugin.call<{ getVersion(): string }>("getPluginInfo", new empty.Empty());
      expect(info.getVersion()).toBe(version);
      const schema = await plugin.call<{ getSchema(): string }>("getSchema", new proto.GetSchemaRequest());
      expect(schema.getSchema()).toBe(readFileSync(join(root, "schema", "schema.json"), "utf8"));

      await plugin.call("configure", configureProviderRequest({ ...emulatorConfig(env.emulator.url), version }));

      const inputs = { connectionId: "selfcontained", name: "Self-contained", schema: TITLE_SCHEMA };
      const refused = await plugin.call<InstanceType<typeof proto.CheckResponse>>(
        "check",
        checkRequest("ExternalConnection", { ...inputs, connectionId: "a" }),
      );
      expect(refused.getFailuresList().map((failure) => failure.getProperty())).toEqual(["connectionId"]);
      const checked = await plugin.call<InstanceType<typeof proto.CheckResponse>>("check", checkRequest("ExternalConnection", inputs));
      expect(checked.getFailuresList()).toEqual([]);

      const created = await plugin.call<InstanceType<typeof proto.CreateResponse>>(
        "create",
        new proto.CreateRequest().setUrn(URN("ExternalConnection")).setType(TYPE("ExternalConnection")).setProperties(checked.getInputs()),
      );
      expect(created.getId()).toBe("selfcontained");
      const outs = plain(created.getProperties())!;
      expect(outs).toMatchObject({ connectionId: "selfcontained", name: "Self-contained", state: "ready" });

      const read = await plugin.call<InstanceType<typeof proto.ReadResponse>>(
        "read",
        readRequest("ExternalConnection", "selfcontained", outs, inputs),
      );
      expect([read.getId(), plain(read.getProperties())]).toEqual(["selfcontained", outs]);

      await plugin.call(
        "delete",
        new proto.DeleteRequest()
          .setUrn(URN("ExternalConnection"))
          .setType(TYPE("ExternalConnection"))
          .setId("selfcontained")
          .setProperties(toStruct(outs)),
      );
      expect(tenantSummary(env.emulator)).toEqual({});
      expect(graphCalls(env.emulator).filter((call) => !call.startsWith("GET"))).toEqual([
        "POST /v1.0/external/connections 201",
        "PATCH /v1.0/external/connections/selfcontained/schema 202",
        "DELETE /v1.0/external/connections/selfcontained 202",
      ]);
      expect(plugin.stderr()).not.toMatch(/Error|Warning/);
    } finally {
      await plugin.stop();
    }
  });
});

/** Serves the files of one directory over HTTP on a loopback port, recording the paths asked for. */
async function fileServer(dir: string): Promise<{ server: Server; url: string; requested: string[] }> {
  const requested: string[] = [];
  const server = createServer((request, response) => {
    requested.push(request.url ?? "");
    try {
      response.end(readFileSync(join(dir, basename(request.url ?? ""))));
    } catch {
      response.statusCode = 404;
      response.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requested };
}

describeWithCli("the self-contained plugin through the Pulumi CLI", () => {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the generated SDK is installed and required at run time; its classes have no static type here
  let native: any;
  let workDir: string;
  let pulumiOnly: string;

  beforeAll(async () => {
    await requirePulumiCli();
    workDir = projectDirectory(scratchDir("graph-plugin-stack-"));
    writeFileSync(join(workDir, "Pulumi.yaml"), "name: graph-connectors-plugin\nruntime: nodejs\n");
    native = requireInstalled(installNativeSdk(workDir));
    // The CLI's PATH holds only the directory of `pulumi`: no node, and no plugin to find on PATH.
    pulumiOnly = dirname((await run("bash", ["-c", "command -v pulumi"])).stdout.trim());
  });

  async function deployWith(home: string, connectionId: string) {
    const stack = await emulatorStack(
      env.emulator,
      async () => {
        new native.ExternalConnection("kb", { connectionId, name: "From the archive", schema: TITLE_SCHEMA });
      },
      { workDir, envVars: { PULUMI_HOME: home, PATH: pulumiOnly, PULUMI_IGNORE_AMBIENT_PLUGINS: "true" } },
    );
    const up = await stack.up();
    expect(up.summary.resourceChanges).toEqual({ create: 2 });
    expect(tenantSummary(env.emulator)).toEqual({ [connectionId]: {} });
    const refresh = await stack.refresh();
    expect(refresh.summary.resourceChanges).toEqual({ same: 2 });
    await stack.preview({ expectNoChanges: true });
    await stack.destroy();
    expect(tenantSummary(env.emulator)).toEqual({});
  }

  test("`pulumi plugin install --file <archive>`, then a stack goes up, refreshes and is destroyed with no node on PATH", async () => {
    const home = scratchDir("graph-pulumi-home-");
    await run("pulumi", ["plugin", "install", "resource", "graph-connectors", version, "--file", build.archives[LINUX.name]], {
      env: { ...process.env, PULUMI_HOME: home },
    });
    const { stdout } = await run("pulumi", ["plugin", "ls", "--json"], { env: { ...process.env, PULUMI_HOME: home } });
    expect(JSON.parse(stdout)).toEqual([expect.objectContaining({ name: "graph-connectors", kind: "resource", version })]);
    await deployWith(home, "fromarchive");
  });

  test("with no plugin installed, `pulumi up` installs it from the download URL the resource names, as the SDKs name the release's", async () => {
    const home = scratchDir("graph-pulumi-home-");
    const { server, url, requested } = await fileServer(dirname(build.archives[LINUX.name]));
    try {
      // The SDK's default URL is github://…; a local server stands in for the release (same archive name).
      const stack = await emulatorStack(
        env.emulator,
        async () => {
          new native.ExternalConnection(
            "kb",
            { connectionId: "downloaded", name: "Downloaded", schema: TITLE_SCHEMA },
            { pluginDownloadURL: url },
          );
        },
        {
          workDir,
          envVars: {
            PULUMI_HOME: home,
            PATH: pulumiOnly,
            PULUMI_IGNORE_AMBIENT_PLUGINS: "true",
            PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "false",
          },
        },
      );
      const up = await stack.up();
      expect(up.summary.resourceChanges).toEqual({ create: 2 });
      expect(requested).toEqual([`/${basename(build.archives[LINUX.name])}`]);
      expect(tenantSummary(env.emulator)).toEqual({ downloaded: {} });
      await stack.destroy();
      expect(tenantSummary(env.emulator)).toEqual({});
    } finally {
      server.close();
    }
  });

  test("a stack deployed by an SDK without pluginDownloadURL takes the SDK that has it with no change to its resources", async () => {
    const home = scratchDir("graph-pulumi-home-");
    await run("pulumi", ["plugin", "install", "resource", "graph-connectors", version, "--file", build.archives[LINUX.name]], {
      env: { ...process.env, PULUMI_HOME: home },
    });
    // The SDK as released before it named a download URL: the same code without that default option.
    const oldDir = projectDirectory(scratchDir("graph-plugin-old-sdk-"));
    writeFileSync(join(oldDir, "Pulumi.yaml"), "name: graph-connectors-plugin\nruntime: nodejs\n");
    const oldSdk = installNativeSdk(oldDir);
    const utilities = join(oldSdk, "utilities.js");
    const withUrl = readFileSync(utilities, "utf8");
    writeFileSync(utilities, withUrl.replace(/, pluginDownloadURL: "github:\/\/[^"]+"/, ""));
    expect(readFileSync(utilities, "utf8")).not.toContain('pluginDownloadURL: "github');
    let sdk = requireInstalled<typeof native>(oldSdk);
    const stack = await emulatorStack(
      env.emulator,
      async () => {
        new sdk.ExternalConnection("kb", { connectionId: "upgraded", name: "Upgraded", schema: TITLE_SCHEMA });
      },
      { workDir, envVars: { PULUMI_HOME: home, PATH: pulumiOnly, PULUMI_IGNORE_AMBIENT_PLUGINS: "true" } },
    );
    await stack.up();
    const providersOf = (state: string) =>
      (JSON.parse(state).checkpoint.latest.resources as Array<{ urn: string; type: string }>)
        .filter((resource) => resource.type === "pulumi:providers:graph-connectors")
        .map((resource) => resource.urn.split("::").at(-1));
    expect(providersOf(storedState(stack))).toEqual([`default_${version.replace(/\./g, "_")}`]);

    sdk = native;
    const preview = await stack.preview();
    // The engine names a default provider after the download URL too: a new one replaces the old, and the
    // resource moves to it without a diff (DiffConfig sees the same configuration).
    expect(preview.changeSummary).toEqual({ same: 2 });
    const up = await stack.up();
    expect(up.summary.resourceChanges).toEqual({ same: 2 });
    expect(providersOf(storedState(stack))).toEqual([expect.stringMatching(new RegExp(`^default_${version.replace(/\./g, "_")}_github_`))]);
    expect(tenantSummary(env.emulator)).toEqual({ upgraded: {} });
    await stack.refresh();
    await stack.preview({ expectNoChanges: true });
    await stack.destroy();
    expect(tenantSummary(env.emulator)).toEqual({});
  });

  test("the docs' YAML program goes up, refreshes and is destroyed through Pulumi YAML with the installed plugin and no node", async () => {
    const yamlHost = (await run("bash", [join(root, "scripts", "setup-pulumi-yaml.sh")])).stdout.trim().split("\n").at(-1)!;
    const home = scratchDir("graph-pulumi-home-");
    await run("pulumi", ["plugin", "install", "resource", "graph-connectors", version, "--file", build.archives[LINUX.name]], {
      env: { ...process.env, PULUMI_HOME: home },
    });
    // A YAML project as users write it: the example of docs/_index.md is its whole Pulumi.yaml.
    const project = scratchDir("graph-yaml-project-");
    const program = /```yaml\n([\s\S]*?)```/.exec(readFileSync(join(root, "docs", "_index.md"), "utf8"))![1];
    writeFileSync(join(project, "Pulumi.yaml"), program);
    const stack = await LocalWorkspace.createOrSelectStack(
      { stackName: "dev", workDir: project },
      {
        envVars: {
          PULUMI_BACKEND_URL: `file://${scratchDir("graph-yaml-state-")}`,
          PULUMI_CONFIG_PASSPHRASE: "",
          PULUMI_SKIP_UPDATE_CHECK: "true",
          PULUMI_HOME: home,
          PATH: `${pulumiOnly}:${yamlHost}`,
          NODE_EXTRA_CA_CERTS: trustBundlePath(),
          ...emulatorEnvironment(env.emulator.url),
        },
        secretsProvider: "passphrase",
      },
    );
    const up = await stack.up();
    expect(up.summary.resourceChanges).toEqual({ create: 3 });
    expect(up.outputs.state.value).toBe("ready");
    expect(tenantSummary(env.emulator)).toEqual({ contosohr: { hrEditors: ["3f8a1c2e-5b7d-4e9f-a1b2-c3d4e5f60718"] } });
    expect((await stack.refresh()).summary.resourceChanges).toEqual({ same: 3 });
    await stack.preview({ expectNoChanges: true });
    await stack.destroy();
    expect(tenantSummary(env.emulator)).toEqual({});
  }, 1_200_000); // the first run on a machine builds pulumi-language-yaml from Go modules (minutes)

  test("`pulumi plugin install --server <url>` fetches the archive by the name a release publishes", async () => {
    const home = scratchDir("graph-pulumi-home-");
    const { server, url, requested } = await fileServer(dirname(build.archives[LINUX.name]));
    try {
      await run("pulumi", ["plugin", "install", "resource", "graph-connectors", version, "--server", url], {
        env: { ...process.env, PULUMI_HOME: home },
      });
    } finally {
      server.close();
    }
    expect(requested).toEqual([`/${basename(build.archives[LINUX.name])}`]);
    await deployWith(home, "fromserver");
  });
});
