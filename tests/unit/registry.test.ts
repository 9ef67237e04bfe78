/**
 * Each resource type is registered once, in provider/engine/registry.ts: the hosts, the schema builder and the
 * SDK take its name from there. Its name may appear, outside the registry, only in its own SDK class and, in
 * messages to the person, in the files of its handler's area (provider/resources/<area>/, the folder of its types
 * file): never in a list of types kept somewhere else. Comments are not code and are left out; so are the
 * generated SDKs, tests and docs, the benchmark's programs (scripts/benchmark.ts, scripts/bench/), which
 * declare resources through the SDK as a user's program does, and the live contract run (scripts/live/), a
 * scenario against a tenant like the tests (where "Connector" is also the `kind` Graph gives a profile source).
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { RESOURCE_TYPES, RESOURCES } from "../../provider/engine/registry";

const root = join(__dirname, "..", "..");
const REGISTRY = "provider/engine/registry.ts";
const SEARCHED = ["provider", "scripts", "sdk/dynamic"];
const PROGRAMS = [/^scripts\/benchmark\.ts$/, /^scripts\/bench\//, /^scripts\/live\//];

function sourceFiles(dir: string): string[] {
  return readdirSync(join(root, dir)).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(join(root, path)).isDirectory()) return sourceFiles(path);
    return path.endsWith(".ts") ? [path] : [];
  });
}

/** The file's lines that are code: whole-line comments and trailing `// …` comments left out. */
function codeLines(file: string): Array<{ line: number; text: string }> {
  let inBlock = false;
  return readFileSync(join(root, file), "utf8")
    .split("\n")
    .flatMap((raw, index) => {
      const text = raw.trim();
      if (inBlock) {
        inBlock = !text.includes("*/");
        return [];
      }
      if (text.startsWith("/*")) {
        inBlock = !text.includes("*/");
        return [];
      }
      if (text.startsWith("//") || text.startsWith("*")) return [];
      return [{ line: index + 1, text: raw.replace(/\s\/\/\s.*$/, "") }];
    });
}

describe("a resource type is registered once", () => {
  const files = SEARCHED.flatMap(sourceFiles).filter((file) => !PROGRAMS.some((program) => program.test(file)));

  test.each(RESOURCE_TYPES)("%s appears in the registry, its SDK class and its handler's messages only", (type) => {
    const entry = RESOURCES[type];
    const allowed = (file: string) =>
      file === REGISTRY || file === entry.schema.sdkFile || file.startsWith(`${dirname(entry.schema.typesFile)}/`);
    const name = new RegExp(`\\b${type}\\b`);
    const elsewhere = files
      .filter((file) => !allowed(file))
      .flatMap((file) =>
        codeLines(file)
          .filter(({ text }) => name.test(text))
          .map(({ line, text }) => `${file}:${line}: ${text.trim()}`),
      );
    expect(elsewhere).toEqual([]);
  });

  test.each(RESOURCE_TYPES)("%s has its SDK class, which registers under its own name, and its shim at the path state requires", (type) => {
    const sdk = readFileSync(join(root, RESOURCES[type].schema.sdkFile), "utf8");
    const body = new RegExp(`export class ${type} extends GraphConnectorsResource \\{[\\s\\S]*?\\n\\}`).exec(sdk)?.[0];
    expect(body).toBeDefined();
    expect(/super\(\s*"(\w+)"/.exec(body!)?.[1]).toBe(type);
    expect(existsSync(join(root, "provider", "dynamic", `${type}.ts`))).toBe(true);
  });

  test("the shims in provider/dynamic/ are the registered types' and no others", () => {
    const shims = readdirSync(join(root, "provider", "dynamic"))
      .filter((name) => /^[A-Z]\w*\.ts$/.test(name))
      .map((name) => name.replace(/\.ts$/, ""));
    expect(shims.sort()).toEqual([...RESOURCE_TYPES].sort());
  });

  test("a type imports exactly when its handler can read it back", () => {
    for (const type of RESOURCE_TYPES) {
      const entry = RESOURCES[type];
      expect([type, "id" in entry.import]).toEqual([type, entry.handler.importInputs !== undefined]);
    }
  });

  test("the search reaches both hosts, the schema builder and the SDK", () => {
    expect(files).toEqual(
      expect.arrayContaining([
        REGISTRY,
        "provider/native/server.ts",
        "provider/dynamic/host.ts",
        "scripts/schema/resources.ts",
        "sdk/dynamic/resource.ts",
      ]),
    );
  });
});
