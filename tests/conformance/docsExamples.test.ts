/**
 * The registry docs' example (docs/_index.md) in each language against the generated SDKs: TypeScript
 * type-checks against sdk/nodejs, Go builds against sdk/go, Python runs under Pulumi's mocks with sdk/python
 * and registers both resources, YAML names only types and inputs the schema has (and goes up through Pulumi
 * YAML in tests/e2e/selfContainedPlugin.test.ts). C# is not compiled: no .NET SDK on our machines; CI's dotnet
 * job packs the SDK it uses.
 */
import { execFile, execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { projectDirectory } from "../../scripts/emulatorStack";
import { installNativeSdk } from "../../scripts/nativeSdk";
import { scratchDir } from "../helpers/scratch";

jest.setTimeout(600_000); // Go links a program against Pulumi's SDK; the first Python run makes its venv

const run = promisify(execFile);
const root = join(__dirname, "..", "..");
const index = readFileSync(join(root, "docs", "_index.md"), "utf8");

/**
 * `-trimpath`: Go's build cache then keys the example and the SDK by their content, not by the directories they
 * are in (a temporary one, a clone's), so they are compiled again only when they changed.
 */
const GO_FLAGS = "-mod=mod -trimpath";

/** A directory kept between runs, under node_modules/.cache. */
function cacheDir(name: string): string {
  const dir = join(root, "node_modules", ".cache", "pulumi-graph-connectors", name);
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** The code of the docs' first ```<language> block. */
function example(language: string): string {
  const match = new RegExp("```" + language + "\\n([\\s\\S]*?)```").exec(index);
  if (!match) throw new Error(`docs/_index.md has no ${language} example`);
  return match[1];
}

test("docs/_index.md has an example in TypeScript, Python, Go, C# and YAML", () => {
  for (const language of ["typescript", "python", "go", "csharp", "yaml"]) expect(example(language).length).toBeGreaterThan(100);
});

test("the TypeScript example type-checks against the Node.js SDK", async () => {
  // A project with @pulumi/pulumi and the SDK in its node_modules, as a user's would have; the same directory
  // each run, so that tsc's build record lets it skip the declarations that did not change.
  const dir = projectDirectory(cacheDir("docs-ts"));
  installNativeSdk(dir);
  writeFileSync(join(dir, "index.ts"), example("typescript"));
  writeFileSync(
    join(dir, "tsconfig.json"),
    JSON.stringify({
      compilerOptions: {
        strict: true,
        noEmit: true,
        module: "commonjs",
        target: "ES2022",
        types: [],
        typeRoots: [join(root, "node_modules", "@types")],
      },
      files: ["index.ts"],
    }),
  );
  await run(join(root, "node_modules", ".bin", "tsc"), ["-p", dir, "--incremental", "--tsBuildInfoFile", join(dir, "tsbuildinfo")]);
});

test("the Go example builds against the Go SDK", async () => {
  const dir = scratchDir("graph-docs-go-");
  const sdkModule = "github.com/pulumi-graph-connectors/pulumi-graph-connectors/sdk";
  writeFileSync(join(dir, "main.go"), example("go"));
  writeFileSync(
    join(dir, "go.mod"),
    `module example\n\ngo 1.25.11\n\nrequire ${sdkModule} v0.0.0\n\nreplace ${sdkModule} => ${join(root, "sdk")}\n`,
  );
  writeFileSync(join(dir, "go.sum"), readFileSync(join(root, "sdk", "go.sum")));
  await run("go", ["build", "-o", join(dir, "example"), "."], { cwd: dir, env: { ...process.env, GOFLAGS: GO_FLAGS, CGO_ENABLED: "0" } });
});

describe("with the Python SDK", () => {
  let python: string;
  beforeAll(() => {
    python = execFileSync("bash", [join(root, "scripts", "python-env.sh")], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] })
      .trim()
      .split("\n")
      .at(-1)!;
  });

  test("the Python example registers the connection and the group under Pulumi's mocks", async () => {
    const dir = scratchDir("graph-docs-py-");
    writeFileSync(join(dir, "__main__.py"), example("python"));
    const runner = `
import json, runpy, sys
import pulumi

class Mocks(pulumi.runtime.Mocks):
    def __init__(self):
        self.made = []
    def new_resource(self, args):
        self.made.append([args.typ, args.name, sorted(args.inputs)])
        return [args.name + "_id", dict(args.inputs, state="ready")]
    def call(self, args):
        return {}

mocks = Mocks()
pulumi.runtime.set_mocks(mocks, preview=False)

@pulumi.runtime.test
def program():
    runpy.run_path(sys.argv[1])

program()
print(json.dumps(mocks.made))
`;
    const { stdout } = await run(python, ["-c", runner, join(dir, "__main__.py")]);
    expect(JSON.parse(stdout.trim().split("\n").at(-1)!)).toEqual([
      ["graph-connectors:index:ExternalConnection", "kb", ["connectionId", "contentCategory", "description", "name", "schema"]],
      ["graph-connectors:index:ExternalGroup", "editors", ["connectionId", "displayName", "groupId", "members"]],
    ]);
  });

  test("the YAML example names only resource types and inputs of the schema, with every required input", async () => {
    const checker = `
import json, sys, yaml
schema = json.load(open(sys.argv[1]))
program = yaml.safe_load(sys.argv[2])
problems = []
for name, resource in program["resources"].items():
    token = resource["type"].replace("graph-connectors:", "graph-connectors:index:", 1) if resource["type"].count(":") == 1 else resource["type"]
    spec = schema["resources"].get(token)
    if spec is None:
        problems.append(f"{name}: no type {resource['type']}")
        continue
    given = set(resource.get("properties", {}))
    problems += [f"{name}: no input {key}" for key in sorted(given - set(spec["inputProperties"]))]
    problems += [f"{name}: missing {key}" for key in spec.get("requiredInputs", []) if key not in given]
print(json.dumps(problems))
`;
    const { stdout } = await run(python, ["-c", checker, join(root, "schema", "schema.json"), example("yaml")]);
    expect(JSON.parse(stdout)).toEqual([]);
  });
});
