/**
 * The native provider plugin (provider/native/main.ts and everything it requires) as one CommonJS file, for a
 * single executable application: such an application's `require` loads Node's built-in modules only.
 *
 * `@grpc/grpc-js`, `google-protobuf`, `@pulumi/pulumi`'s generated stubs, `@azure/identity` and `axios` are
 * bundled. The stubs are loaded through provider/native/pulumiStubs.ts, which resolves them at run time from
 * the installed `@pulumi/pulumi`; here that module is replaced by one requiring each module pulumiRuntime.ts
 * asks for, resolved from the same place now, so the bundle holds the stubs with the `google-protobuf` they
 * were generated against. A `require` esbuild cannot resolve inside a `try` (an optional native module)
 * would be left as it is, to throw at run time where the code tried it: bundlePlugin reports each such
 * `require`, and tests/e2e/selfContainedPlugin.test.ts holds the plugin to none.
 */
import { readFileSync } from "node:fs";
import { createRequire, isBuiltin } from "node:module";
import { join } from "node:path";
import * as esbuild from "esbuild";

const STUBS_NAMESPACE = "pulumi-stubs";

/** The modules pulumiRuntime.ts loads with `fromPulumi("<id>")`, each as a path resolved beside the stubs. */
export function stubModules(root: string): Record<string, string> {
  const source = readFileSync(join(root, "provider", "native", "pulumiRuntime.ts"), "utf8");
  const ids = [...source.matchAll(/fromPulumi\("([^"]+)"\)/g)].map((match) => match[1]);
  // A call with anything but a string literal could not be resolved now.
  if (ids.length === 0 || ids.length !== source.split("fromPulumi(").length - 1) {
    throw new Error("provider/native/pulumiRuntime.ts: every fromPulumi(...) must take a string literal");
  }
  const fromStubs = createRequire(createRequire(join(root, "package.json")).resolve("@pulumi/pulumi/proto/provider_pb"));
  return Object.fromEntries(ids.map((id) => [id, fromStubs.resolve(id)]));
}

function stubsPlugin(root: string): esbuild.Plugin {
  return {
    name: "pulumi-stubs",
    setup(build) {
      build.onResolve({ filter: /\/pulumiStubs$/ }, () => ({ path: "pulumiStubs", namespace: STUBS_NAMESPACE }));
      build.onLoad({ filter: /.*/, namespace: STUBS_NAMESPACE }, () => {
        const cases = Object.entries(stubModules(root)).map(
          ([id, path]) => `    case ${JSON.stringify(id)}: return require(${JSON.stringify(path)});`,
        );
        return {
          loader: "js",
          resolveDir: root,
          // A module asked for but not bundled fails as any error the provider throws (provider/errors.ts).
          contents:
            `const { GraphConnectorsError } = require(${JSON.stringify(join(root, "provider", "errors"))});\n` +
            `exports.fromPulumi = (id) => {\n  switch (id) {\n${cases.join("\n")}\n  }\n` +
            `  throw new GraphConnectorsError("pulumi-resource-graph-connectors: " + id + " was not bundled");\n};\n`,
        };
      });
    },
  };
}

/**
 * Bundles the plugin into `outFile`. Returns what it could not bundle: esbuild's warnings and every `require`
 * of a module that is not one of Node's own left in the bundle (an optional module, which then throws).
 */
export async function bundlePlugin(root: string, outFile: string): Promise<string[]> {
  const result = await esbuild.build({
    entryPoints: [join(root, "provider", "native", "main.ts")],
    outfile: outFile,
    bundle: true,
    platform: "node",
    format: "cjs",
    target: "node22",
    // Kept readable: a stack trace from a user's machine names real functions and files.
    minify: false,
    sourcemap: false,
    legalComments: "eof",
    logLevel: "silent",
    plugins: [stubsPlugin(root)],
  });
  const left = [...readFileSync(outFile, "utf8").matchAll(/\brequire\("([^"]+)"\)/g)]
    .map((match) => match[1])
    .filter((id) => !isBuiltin(id));
  return [
    ...result.warnings.map((warning) => `${warning.location?.file ?? ""}:${warning.location?.line ?? ""} ${warning.text}`),
    ...[...new Set(left)].map((id) => `require("${id}") is left to run time`),
  ];
}
