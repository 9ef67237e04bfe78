/**
 * The generated nodejs SDK (sdk/nodejs) built and installed into a project's node_modules the way its
 * package is published: compiled into the package directory with package.json beside the JavaScript (the
 * generated `utilities.getVersion()` reads it from there). Used by the tests and the benchmark.
 */
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { packageRoot } from "./emulatorStack";

export const NATIVE_SDK_PACKAGE = "@pulumi-graph-connectors/native";

/** Compiles the SDK into `<projectDir>/node_modules/@pulumi-graph-connectors/native` and returns that directory. */
export function installNativeSdk(projectDir: string): string {
  const root = packageRoot();
  const target = join(projectDir, "node_modules", ...NATIVE_SDK_PACKAGE.split("/"));
  mkdirSync(target, { recursive: true });
  execFileSync(
    join(root, "node_modules", ".bin", "tsc"),
    ["-p", join(root, "sdk", "nodejs", "tsconfig.json"), "--outDir", target, "--declarationMap", "false", "--sourceMap", "false"],
    { stdio: "pipe" },
  );
  for (const file of ["package.json", "README.md"]) copyFileSync(join(root, "sdk", "nodejs", file), join(target, file));
  return target;
}
