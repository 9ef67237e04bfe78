/**
 * The package as users get it: packed from a fresh copy of the source tree (so `prepare` builds it, as it
 * does for `npm pack`, `npm publish` and a git URL install), installed into a project outside the repository,
 * and run there: the quickstart through the Pulumi CLI against the installed emulator.
 */
import { execFile, spawn } from "node:child_process";
import { copyFileSync, cpSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import { packageRoot } from "../../scripts/emulatorStack";
import { describeWithCli, requirePulumiCli } from "../helpers/pulumiStack";
import { scratchDir } from "../helpers/scratch";

jest.setTimeout(600_000);
const run = promisify(execFile);
const root = packageRoot();
const manifest = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
const pulumiVersion = JSON.parse(readFileSync(join(root, "node_modules/@pulumi/pulumi/package.json"), "utf8")).version;
// Offline-first: the repository's `npm ci` filled the cache with every version needed.
const NPM_INSTALL = ["install", "--prefer-offline", "--no-audit", "--no-fund", "--loglevel=error"];

/** The tracked source tree (with uncommitted edits), as a clean clone would have it, plus the repo's node_modules. */
async function sourceCopy(): Promise<string> {
  const copy = join(scratchDir("graph-pack-"), "source");
  const { stdout } = await run("git", ["ls-files", "--cached", "--others", "--exclude-standard"], {
    cwd: root,
    maxBuffer: 16 * 1024 * 1024,
  });
  for (const file of stdout.split("\n").filter(Boolean)) {
    mkdirSync(dirname(join(copy, file)), { recursive: true });
    try {
      copyFileSync(join(root, file), join(copy, file));
    } catch {
      // deleted in the working tree
    }
  }
  symlinkSync(join(root, "node_modules"), join(copy, "node_modules"), "dir");
  return copy;
}

/** A project outside the repository, as `npm init` would make it. */
function freshProject(dependencies: Record<string, string>): string {
  const dir = scratchDir("graph-user-");
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "graph-user", private: true, dependencies }, null, 2));
  return dir;
}

describeWithCli("installing the package", () => {
  beforeAll(requirePulumiCli);
  let source: string;
  let tarball: string;

  beforeAll(async () => {
    source = await sourceCopy();
    const { stdout } = await run("npm", ["pack", "--json", "--pack-destination", dirname(source)], {
      cwd: source,
      maxBuffer: 16 * 1024 * 1024,
    });
    const packed = JSON.parse(stdout.slice(stdout.indexOf("[")))[0] as { filename: string; files: Array<{ path: string }> };
    tarball = join(dirname(source), packed.filename);
    files = packed.files.map((file) => file.path);
  });
  let files: string[] = [];

  test("the tarball holds the built entry points and nothing users do not need", () => {
    expect(files).toEqual(
      expect.arrayContaining([
        "package.json",
        "README.md",
        "CHANGELOG.md",
        "dist/sdk/dynamic/index.js",
        "dist/sdk/dynamic/index.d.ts",
        "dist/provider/impl.js",
        "dist/emulator/index.js",
        "dist/emulator/cli.js",
        "dist/model/schema.js",
        "emulator/tls/ca.pem",
        "dist/provider/native/main.js",
        "dist/provider/cli.js",
        "schema/schema.json",
      ]),
    );
    for (const entry of [manifest.main, manifest.types, ...Object.values(manifest.bin as Record<string, string>)])
      expect(files).toContain(entry);
    expect(
      files.filter((file) => /^(tests|scripts|examples|dist\/scripts|dist\/examples)\/|\.map$|\.ts$/.test(file) && !file.endsWith(".d.ts")),
    ).toEqual([]);
  });

  test("npm publish --dry-run is clean: no warning but not being logged in (and the machine's own npm config)", async () => {
    const { stderr } = await run("npm", ["publish", "--dry-run", "--ignore-scripts"], { cwd: source, maxBuffer: 16 * 1024 * 1024 });
    const warnings = stderr
      .split("\n")
      .filter((line) => /^npm (warn|error)/i.test(line))
      .filter((line) => !/requires you to be logged in|Unknown \w+ config/.test(line));
    expect(warnings).toEqual([]);
  });

  test("installed from the tarball into a fresh project, the quickstart goes up, previews no changes and is destroyed", async () => {
    const project = freshProject({ "pulumi-graph-connectors": `file:${tarball}`, "@pulumi/pulumi": pulumiVersion });
    await run("npm", NPM_INSTALL, { cwd: project });
    // The quickstart compiled against the installed package's own type declarations.
    mkdirSync(join(project, "program"));
    copyFileSync(join(root, "examples/quickstart/index.ts"), join(project, "program/index.ts"));
    await run(
      join(root, "node_modules/.bin/tsc"),
      [
        "program/index.ts",
        "--module",
        "commonjs",
        "--target",
        "ES2022",
        "--strict",
        "--skipLibCheck",
        "--esModuleInterop",
        "--outDir",
        "program",
      ],
      { cwd: project },
    ).catch((error: { stdout: string }) => {
      throw new Error(`the quickstart does not compile against the installed package:\n${error.stdout}`);
    });
    copyFileSync(join(__dirname, "quickstartRunner.js"), join(project, "run.js"));
    const { stdout } = await run(process.execPath, ["run.js"], { cwd: project, maxBuffer: 16 * 1024 * 1024 });
    const result = JSON.parse(stdout.trim().split("\n").at(-1)!);
    expect(result).toEqual({
      up: { create: 3 },
      state: "ready",
      connections: ["contosowiki"],
      preview: { same: 3 },
      destroy: { delete: 3 },
      connectionsAfter: [],
      // The provider process loaded the installed copy, not this repository.
      providerFrom: join(project, "node_modules/pulumi-graph-connectors/dist/provider/impl.js"),
      // Installed in node_modules, each dynamic provider is a `require` of its module, not ~2.4 KB of closures
      // (provider/dynamic/shim.ts): the state Pulumi rewrites after every step stays small.
      providerState: [
        { requires: ["pulumi-graph-connectors/dist/provider/dynamic/ExternalConnection.js"], short: true },
        { requires: ["pulumi-graph-connectors/dist/provider/dynamic/ExternalGroup.js"], short: true },
      ],
    });

    // The native provider plugin, as npm installed it: an executable on the project's bin path that serves
    // Pulumi's protocol (it prints its port), and the export command.
    const plugin = spawn(join(project, "node_modules/.bin/pulumi-resource-graph-connectors"), ["127.0.0.1:1"], { cwd: project });
    const port = await new Promise<string>((resolve, reject) => {
      plugin.stdout.once("data", (chunk) => resolve(String(chunk).trim()));
      plugin.once("error", reject);
    });
    plugin.kill();
    expect(port).toMatch(/^\d+$/);
    const help = await run(join(project, "node_modules/.bin/graph-connectors"), ["help"], { cwd: project });
    expect(help.stdout).toContain("usage: graph-connectors export");
  });

  test("installed from a git URL, it builds itself and every entry point loads", async () => {
    // A repository of the source tree, as a team's git server would hold it.
    const repo = join(dirname(source), "repo");
    cpSync(source, repo, { recursive: true, filter: (path) => !path.endsWith("/node_modules") });
    await run("git", ["init", "-q", "-b", "main"], { cwd: repo });
    await run("git", ["add", "-A"], { cwd: repo });
    await run("git", ["-c", "user.name=ci", "-c", "user.email=ci@example.invalid", "commit", "-q", "-m", "release"], { cwd: repo });
    const project = freshProject({ "pulumi-graph-connectors": `git+file://${repo}#main`, "@pulumi/pulumi": pulumiVersion });
    await run("npm", NPM_INSTALL, { cwd: project, maxBuffer: 16 * 1024 * 1024 });
    const script = [
      "const sdk = require('pulumi-graph-connectors');",
      "if (typeof sdk.ExternalConnection !== 'function') throw new Error('no ExternalConnection');",
      "if (typeof require('pulumi-graph-connectors/provider-impl').v1.create !== 'function') throw new Error('no v1');",
      "if (typeof require('pulumi-graph-connectors/emulator').GraphEmulator !== 'function') throw new Error('no emulator');",
      "console.log('loaded');",
    ].join("\n");
    const { stdout } = await run(process.execPath, ["-e", script], { cwd: project });
    expect(stdout.trim()).toBe("loaded");
    const installed = JSON.parse(readFileSync(join(project, "node_modules/pulumi-graph-connectors/package.json"), "utf8"));
    expect(installed.version).toBe(manifest.version);
  });
});
