/**
 * The release's packaging steps, dry-run (scripts/release/packaging-dry-run.sh): the two npm packages, the
 * Python SDK's sdist and wheel (twine check) and the Go SDK's build, each holding what users install it for:
 * the plugin's name, version and download URL, so the SDKs' automatic plugin install finds the release.
 */
import { execFile } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { scratchDir } from "../helpers/scratch";
import packageJson from "../../package.json";

// The first run on a machine makes the packaging venv (build, twine) from PyPI and downloads Go modules.
jest.setTimeout(900_000);

const run = promisify(execFile);
const root = join(__dirname, "..", "..");
const { version } = packageJson;
const schema = JSON.parse(readFileSync(join(root, "schema", "schema.json"), "utf8")) as { pluginDownloadURL: string };
const PLUGIN = { resource: true, name: "graph-connectors", version, server: schema.pluginDownloadURL };

let out: string;
let log: string;

beforeAll(async () => {
  out = scratchDir("graph-packaging-");
  ({ stdout: log } = await run("bash", [join(root, "scripts", "release", "packaging-dry-run.sh"), out], { maxBuffer: 16 * 1024 * 1024 }));
});

/** The files of an archive (`tar -tf`), and one file's text. */
async function entries(archive: string): Promise<string[]> {
  return (await run("tar", ["-tf", join(out, archive)], { maxBuffer: 16 * 1024 * 1024 })).stdout.split("\n").filter(Boolean);
}
async function member(archive: string, path: string): Promise<string> {
  return (await run("tar", ["-xOf", join(out, archive), path], { maxBuffer: 16 * 1024 * 1024 })).stdout;
}

describe("the packaging dry run", () => {
  test("makes every package this machine can, and nothing else", () => {
    expect(readdirSync(out).sort()).toEqual([
      `pulumi-graph-connectors-${version}.tgz`,
      `pulumi-graph-connectors-native-${version}.tgz`,
      `pulumi_graph_connectors-${version}-py3-none-any.whl`,
      `pulumi_graph_connectors-${version}.tar.gz`,
    ]);
    expect(log).toMatch(/pass twine check/);
    expect(log).toMatch(
      new RegExp(
        `go module github.com/pulumi-graph-connectors/pulumi-graph-connectors/sdk builds \\(tag sdk/v${version.replace(/\./g, "\\.")}\\)`,
      ),
    );
  });

  test("the dynamic package holds the compiled provider, the emulator and the schema", async () => {
    const files = await entries(`pulumi-graph-connectors-${version}.tgz`);
    expect(files).toEqual(
      expect.arrayContaining([
        "package/dist/provider/impl.js",
        "package/dist/provider/native/main.js",
        "package/dist/emulator/cli.js",
        "package/schema/schema.json",
        "package/CHANGELOG.md",
      ]),
    );
    expect(files.filter((file) => /\.(map|ts)$/.test(file) && !file.endsWith(".d.ts"))).toEqual([]);
  });

  test("the Node.js SDK's package names the plugin, its version and where a release keeps it", async () => {
    const archive = `pulumi-graph-connectors-native-${version}.tgz`;
    expect(await entries(archive)).toEqual(
      expect.arrayContaining(["package/index.js", "package/index.d.ts", "package/externalConnection.js", "package/package.json"]),
    );
    const manifest = JSON.parse(await member(archive, "package/package.json"));
    expect([manifest.name, manifest.version, manifest.pulumi]).toEqual(["@pulumi-graph-connectors/native", version, PLUGIN]);
  });

  test("the Python SDK's wheel and sdist carry pulumi-plugin.json with the download URL", async () => {
    const wheel = `pulumi_graph_connectors-${version}-py3-none-any.whl`;
    const { stdout } = await run("unzip", ["-p", join(out, wheel), "pulumi_graph_connectors/pulumi-plugin.json"]);
    expect(JSON.parse(stdout)).toEqual(PLUGIN);
    const sdist = `pulumi_graph_connectors-${version}.tar.gz`;
    expect(JSON.parse(await member(sdist, `pulumi_graph_connectors-${version}/pulumi_graph_connectors/pulumi-plugin.json`))).toEqual(
      PLUGIN,
    );
  });
});
