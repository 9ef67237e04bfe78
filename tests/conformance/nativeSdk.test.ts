/**
 * The native provider's schema and SDKs cannot drift from the TypeScript types: schema/schema.json is what
 * the types give today, the committed SDKs are what Pulumi's codegen makes of that schema (scripts/sdkgen,
 * a Go program), and the Go SDK builds and passes its test with Pulumi's mocks.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { promisify } from "node:util";
import { packageRoot } from "../../scripts/emulatorStack";
import { schemaText } from "../../scripts/schema/buildSchema";

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
    const out = mkdtempSync(join(tmpdir(), "sdkgen-"));
    await run("bash", [join(root, "scripts", "sdkgen", "generate.sh"), out], { maxBuffer: 16 * 1024 * 1024 });
    for (const language of ["nodejs", "python", "go"]) {
      expect([language, files(join(out, language))]).toEqual([language, files(join(root, "sdk", language))]);
    }
  });

  test("the Go SDK builds and its program passes with Pulumi's mocks", async () => {
    const { stdout } = await run("go", ["test", "./..."], { cwd: join(root, "sdk"), env: { ...process.env, GOFLAGS: "-mod=mod", CGO_ENABLED: "0" } });
    expect(stdout).toMatch(/^ok\s+\S+\/sdk\/gotest/m);
  });
});
