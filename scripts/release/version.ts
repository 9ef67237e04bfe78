/**
 * The release's version has one source, package.json `version`; every other file that states it is stamped
 * from there by `npm run stamp-version` (which `npm version <x.y.z>` runs itself), and
 * tests/conformance/version.test.ts fails when any of them disagrees.
 *
 * The SDKs are generated with the schema's version (`respectSchemaVersion`), so a regeneration writes the same
 * values this does; stamping them in place also serves the .NET SDK, whose generator is not always at hand.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** One place that states the version: how to read it and how to write another one in. */
export interface VersionSite {
  /** The file, from the package root. */
  file: string;
  /** Where in the file, for messages. */
  field: string;
  /** The pattern of the value; its first group is the version, the text around it is kept. */
  pattern: RegExp;
}

const VERSION = "[0-9]+\\.[0-9]+\\.[0-9]+(?:-[0-9A-Za-z.-]+)?";
/** The first `"version": "<v>"` of a JSON file (top-level: these files put it before any nested one). */
const jsonVersion = new RegExp(`^\\s*"version":\\s*"(${VERSION})"`, "m");

/** The version the Go SDK's default options of one kind request (`semver.MustParse("<v>")` in the function). */
const goDefaultVersion = (func: string) => new RegExp(`func ${func}\\((?:(?!\\nfunc )[\\s\\S])*?semver\\.MustParse\\("(${VERSION})"\\)`);

export const VERSION_SITES: readonly VersionSite[] = [
  { file: "package-lock.json", field: "version", pattern: jsonVersion },
  {
    file: "package-lock.json",
    field: 'packages[""].version',
    pattern: new RegExp(`"": \\{\\s*"name": "pulumi-graph-connectors",\\s*"version": "(${VERSION})"`),
  },
  { file: "schema/schema.json", field: "version", pattern: jsonVersion },
  { file: "sdk/nodejs/package.json", field: "version", pattern: jsonVersion },
  { file: "sdk/nodejs/package.json", field: "pulumi.version", pattern: new RegExp(`"pulumi": \\{[^}]*"version": "(${VERSION})"`) },
  { file: "sdk/python/pyproject.toml", field: "project.version", pattern: new RegExp(`^\\s*version = "(${VERSION})"`, "m") },
  { file: "sdk/python/pulumi_graph_connectors/pulumi-plugin.json", field: "version", pattern: jsonVersion },
  { file: "sdk/go/graphconnectors/pulumi-plugin.json", field: "version", pattern: jsonVersion },
  {
    file: "sdk/go/graphconnectors/internal/pulumiUtilities.go",
    field: "PkgResourceDefaultOpts",
    pattern: goDefaultVersion("PkgResourceDefaultOpts"),
  },
  {
    file: "sdk/go/graphconnectors/internal/pulumiUtilities.go",
    field: "PkgInvokeDefaultOpts",
    pattern: goDefaultVersion("PkgInvokeDefaultOpts"),
  },
  { file: "sdk/dotnet/pulumi-plugin.json", field: "version", pattern: jsonVersion },
  { file: "sdk/dotnet/version.txt", field: "(whole file)", pattern: new RegExp(`^(${VERSION})$`) },
  {
    file: "sdk/dotnet/PulumiGraphConnectors.GraphConnectors.csproj",
    field: "Version",
    pattern: new RegExp(`<Version>(${VERSION})</Version>`),
  },
];

/** The version package.json states: the release's. */
export function packageVersion(root: string): string {
  return (JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { version: string }).version;
}

/** The version a site states, or undefined when the file no longer has the field where expected. */
export function siteVersion(root: string, site: VersionSite): string | undefined {
  return site.pattern.exec(readFileSync(join(root, site.file), "utf8"))?.[1];
}

/** Writes `version` into every site; returns the files changed. */
export function stampVersion(root: string, version: string): string[] {
  const changed = new Set<string>();
  for (const site of VERSION_SITES) {
    const path = join(root, site.file);
    const text = readFileSync(path, "utf8");
    const match = site.pattern.exec(text);
    if (!match) throw new Error(`${site.file}: no ${site.field} to stamp`);
    if (match[1] === version) continue;
    // Every pattern ends with the version and literal text, so its last occurrence in the match is the group.
    const start = match.index + match[0].lastIndexOf(match[1]);
    writeFileSync(path, text.slice(0, start) + version + text.slice(start + match[1].length));
    changed.add(site.file);
  }
  return [...changed];
}

if (require.main === module) {
  // Run from the package root (npm runs scripts there).
  const root = process.cwd();
  const changed = stampVersion(root, packageVersion(root));
  console.log(changed.length ? `stamped ${packageVersion(root)} into ${changed.join(", ")}` : `every file states ${packageVersion(root)}`);
}
