/**
 * `npm run refresh-metadata -- <msgraph-metadata checkout>`: rewrites the vendored extracts of Microsoft's Graph
 * metadata in tests/conformance/graph-metadata/ from a checkout of microsoftgraph/msgraph-metadata (a work tree,
 * or a bare git directory: the files are read at its HEAD), and prints the commit to put in that folder's README.
 * Then run tests/conformance: where the model and the new metadata disagree, the model needs the change.
 */
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { packageRoot } from "../emulatorStack";
import { betaTypeMappingsExtract, BetaTypeMappings, externalConnectorsExtract, MetadataSource, peopleAdminExtract } from "./extract";

function git(checkout: string, ...args: string[]): string {
  return execFileSync("git", ["-C", checkout, ...args], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
}

/** A file as committed at HEAD, so a bare clone serves as well as a work tree. */
const committed = (checkout: string, path: string) => git(checkout, "show", `HEAD:${path}`);

function main(): void {
  const checkout = process.argv[2];
  if (!checkout) {
    console.error("usage: npm run refresh-metadata -- <path to a microsoftgraph/msgraph-metadata checkout>");
    process.exit(2);
  }
  const source: MetadataSource = {
    commit: git(checkout, "rev-parse", "--short=8", "HEAD").trim(),
    date: git(checkout, "log", "-1", "--format=%cs", "HEAD").trim(),
    typeMappingsDate: git(checkout, "log", "-1", "--format=%cs", "HEAD", "--", "schemas/type-mappings").trim(),
  };
  const v1 = committed(checkout, "schemas/v1.0-Prod.csdl");
  const mappings = Object.fromEntries(
    (["entity", "complex", "enum"] as const).map((kind) => [
      kind,
      JSON.parse(committed(checkout, `schemas/type-mappings/beta-${kind}-types.json`)),
    ]),
  ) as unknown as BetaTypeMappings;
  const target = join(packageRoot(), "tests", "conformance", "graph-metadata");
  const files = {
    "v1.0-externalConnectors.csdl.xml": externalConnectorsExtract(v1, source),
    "v1.0-people-admin.csdl.xml": peopleAdminExtract(v1, source),
    "beta-type-mappings.json": betaTypeMappingsExtract(mappings, source),
  };
  for (const [name, text] of Object.entries(files)) {
    writeFileSync(join(target, name), text);
    console.log(`wrote ${join(target, name)}`);
  }
  console.log(
    `msgraph-metadata commit ${git(checkout, "rev-parse", "HEAD").trim()} (${source.date}): update tests/conformance/graph-metadata/README.md`,
  );
}

main();
