/**
 * The self-contained plugin archive of one target as the tests use it: built from this checkout like
 * `npm run plugin-archive` builds it (build.ts), and kept (scripts/contentCache.ts) under a key made from the
 * bundled plugin, every other input of the archive and the code that builds it, so the test files that install
 * it share one build, and a change to the plugin's code, its schema, its documents or its build makes a new one.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cachedDirectory, contentKey } from "../contentCache";
import { packageRoot } from "../emulatorStack";
import { archivePlugin, ARCHIVED_DOCS, PluginBuild } from "./build";
import { bundlePlugin } from "./bundle";
import { archiveName, checksumsName, hostTarget, NODE_VERSION, Target } from "./targets";

/** The archive of `target` and its checksums file, from the cache or built now. */
export async function cachedPluginBuild(target: Target): Promise<PluginBuild> {
  const root = packageRoot();
  const { version } = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { version: string };
  const work = mkdtempSync(join(tmpdir(), "graph-plugin-bundle-"));
  try {
    // The bundle is cheap and holds all the code: it is made every time, and its bytes are part of the key.
    const script = join(work, "plugin.js");
    const bundleWarnings = await bundlePlugin(root, script);
    const key = contentKey([
      readFileSync(script),
      // The code that makes the archive from the bundle (the blob, the injection, the archive's layout).
      ...readdirSync(__dirname)
        .filter((name) => /\.(ts|js)$/.test(name))
        .sort()
        .flatMap((name) => [name, readFileSync(join(__dirname, name))]),
      ...["schema/schema.json", "package.json", ...ARCHIVED_DOCS].map((file) => readFileSync(join(root, file))),
      ...[target, hostTarget()].map((used) => JSON.stringify(used)),
      NODE_VERSION,
      readFileSync(require.resolve("postject/package.json")),
    ]);
    const dir = await cachedDirectory("plugin-archives", key, async (out) => {
      archivePlugin(script, out, [target]);
    });
    return {
      archives: { [target.name]: join(dir, archiveName(target, version)) },
      checksums: join(dir, checksumsName(version)),
      bundleWarnings,
    };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
