/**
 * The native provider's schema and SDKs cannot drift from the TypeScript types: schema/schema.json is what
 * the types give today, the committed SDKs are what Pulumi's codegen makes of that schema (scripts/sdkgen,
 * a Go program), and the Go SDK builds and passes its test with Pulumi's mocks.
 */
import { execFile } from "node:child_process";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { promisify } from "node:util";
import { packageRoot } from "../../scripts/emulatorStack";
import { schemaText } from "../../scripts/schema/buildSchema";
import { scratchDir } from "../helpers/scratch";

jest.setTimeout(900_000); // the first run on a machine builds the generator and downloads Go modules

const root = packageRoot();
const run = promisify(execFile);

/** What building or installing an SDK leaves beside its sources (the generated .gitignore files name them). */
const BUILD_OUTPUT = /^(node_modules|bin|build|dist|__pycache__|\.mypy_cache|.*\.egg-info|.*\.pyc)$/;

function files(dir: string): Record<string, string> {
  const found: Record<string, string> = {};
  const walk = (current: string) => {
    for (const name of readdirSync(current).filter((entry) => !BUILD_OUTPUT.test(entry))) {
      const path = join(current, name);
      if (statSync(path).isDirectory()) walk(path);
      else found[relative(dir, path)] = readFileSync(path, "utf8");
    }
  };
  walk(dir);
  return found;
}

describe("the native provider's schema and SDKs", () => {
  test("schema/schema.json is what the resources' TypeScript types give (run `npm run schema`)", () => {
    expect(readFileSync(join(root, "schema", "schema.json"), "utf8")).toBe(schemaText(root));
  });

  test("the committed SDKs are a fresh generation from the schema (run `npm run sdk`)", async () => {
    const out = scratchDir("sdkgen-");
    await run("bash", [join(root, "scripts", "sdkgen", "generate.sh"), out], { maxBuffer: 16 * 1024 * 1024 });
    for (const language of ["nodejs", "python", "go"]) {
      expect([language, files(join(out, language))]).toEqual([language, files(join(root, "sdk", language))]);
    }
  });

  // The .NET generator comes from a pulumi-dotnet work tree (not served by the Go module proxy): with one at
  // hand (PULUMI_DOTNET_SOURCE) the committed SDK must be a fresh generation; without, it must at least
  // declare every resource of the schema with every input under the schema's names.
  test("the committed .NET SDK declares the schema's resources and inputs (and is a fresh generation where the generator is at hand)", async () => {
    const schema = JSON.parse(readFileSync(join(root, "schema", "schema.json"), "utf8"));
    const dotnet = files(join(root, "sdk", "dotnet"));
    expect(dotnet["version.txt"]).toBe(schema.version);
    for (const [token, resource] of Object.entries(schema.resources as Record<string, { inputProperties: Record<string, unknown> }>)) {
      const source = dotnet[`${token.split(":").at(-1)}.cs`] ?? "";
      expect([token, source.includes(`[GraphConnectorsResourceType("${token}")]`)]).toEqual([token, true]);
      const missing = Object.keys(resource.inputProperties).filter((name) => !new RegExp(`\\[Input\\("${name}"`).test(source));
      expect([token, missing]).toEqual([token, []]);
    }
    const generator = process.env.PULUMI_DOTNET_SOURCE;
    if (!generator) return;
    const out = scratchDir("sdkgen-dotnet-");
    await run("bash", [join(root, "scripts", "sdkgen", "generate-dotnet.sh"), generator, out], { maxBuffer: 16 * 1024 * 1024 });
    expect(files(join(out, "dotnet"))).toEqual(dotnet);
  });

  test("the Go SDK builds and its program passes with Pulumi's mocks", async () => {
    const { stdout } = await run("go", ["test", "./..."], {
      cwd: join(root, "sdk"),
      // -trimpath: the build cache keys the SDK by its content, not by the clone it is in.
      env: { ...process.env, GOFLAGS: "-mod=mod -trimpath", CGO_ENABLED: "0" },
    });
    expect(stdout).toMatch(/^ok\s+\S+\/sdk\/gotest/m);
  });
});
