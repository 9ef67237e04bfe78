/**
 * The generated nodejs SDK (sdk/nodejs) built and installed into a project's node_modules the way its
 * package is published: compiled into the package directory with package.json beside the JavaScript (the
 * generated `utilities.getVersion()` reads it from there). Used by the tests and the benchmark.
 *
 * Several test files install it in every run; it is compiled once per content of the SDK and of the compiler
 * and Pulumi packages it compiles against (scripts/contentCache.ts), and each install is a copy.
 */
import { execFileSync } from "node:child_process";
import { copyFileSync, cpSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join, relative } from "node:path";
import { packageRoot } from "./emulatorStack";
import { cachedDirectorySync, contentKey } from "./contentCache";

export const NATIVE_SDK_PACKAGE = "@pulumi-graph-connectors/native";

/** Compiles the SDK into `<projectDir>/node_modules/@pulumi-graph-connectors/native` and returns that directory. */
export function installNativeSdk(projectDir: string): string {
  const target = join(projectDir, "node_modules", ...NATIVE_SDK_PACKAGE.split("/"));
  rmSync(target, { recursive: true, force: true });
  cpSync(compiledNativeSdk(), target, { recursive: true });
  return target;
}

const TSC_OPTIONS = ["--declarationMap", "false", "--sourceMap", "false"];

/** The compiled package directory, from the cache or compiled now. */
function compiledNativeSdk(): string {
  const root = packageRoot();
  const sdk = join(root, "sdk", "nodejs");
  const manifestOf = (name: string) => readFileSync(join(root, "node_modules", name, "package.json"), "utf8");
  const key = contentKey([
    ...filesUnder(sdk).flatMap((file) => [relative(sdk, file), readFileSync(file)]),
    manifestOf("typescript"),
    manifestOf("@pulumi/pulumi"),
    manifestOf("@types/node"),
    ...TSC_OPTIONS,
  ]);
  return cachedDirectorySync("native-sdk", key, (dir) => {
    execFileSync(join(root, "node_modules", ".bin", "tsc"), ["-p", join(sdk, "tsconfig.json"), "--outDir", dir, ...TSC_OPTIONS], {
      stdio: "pipe",
    });
    for (const file of ["package.json", "README.md"]) copyFileSync(join(sdk, file), join(dir, file));
  });
}

/** Every file below `dir` (without build output or installed packages), in a fixed order. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.name !== "node_modules" && entry.name !== "bin")
    .sort((a, b) => (a.name < b.name ? -1 : 1))
    .flatMap((entry) => (entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)]));
}
