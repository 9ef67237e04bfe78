/**
 * `graph-connectors export` round trip: objects made outside Pulumi are exported; the generated TypeScript
 * program (dynamic resources, adoptExisting) takes them over through `pulumi up` without changing them and
 * then previews with no changes; the generated import file brings the same objects under the native provider
 * with no diff.
 */
import { execFile } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { EMULATOR_CLIENT_SECRET, emulatorEnvironment, trustBundlePath } from "../../emulator";
import { packageRoot, projectDirectory } from "../../scripts/emulatorStack";
import { adminClient, TITLE_SCHEMA, useEmulator } from "../helpers/harness";
import { installNativeSdk } from "../../scripts/nativeSdk";
import { typescriptProgram } from "../helpers/typescriptProgram";
import { describeWithCli, emulatorStack, requirePulumiCli, tenantSummary } from "../helpers/pulumiStack";
import { scratchDir } from "../helpers/scratch";
import { requireInstalled } from "../../scripts/requireInstalled";
import * as dynamicSdk from "../../sdk/dynamic";

const env = useEmulator({ schemaProvisioningMs: 300, deletionMs: 300 });
jest.setTimeout(480_000);

const TEMPLATE = {
  id: "hrcard",
  priority: 1,
  layout: {
    type: "AdaptiveCard",
    version: "1.3",
    body: [{ type: "TextBlock", text: "${title}" }],
    $schema: "http://adaptivecards.io/schemas/adaptive-card.json",
  },
  rules: [{ property: "title", operation: "contains", values: ["policy"], valuesJoinedBy: "or" }],
};
const RESOLVER = {
  "@odata.type": "#microsoft.graph.externalConnectors.itemIdResolver",
  priority: 1,
  itemId: "{id}",
  urlMatchInfo: { baseUrls: ["https://hr.contoso.com"], urlPattern: "/articles/(?<id>[0-9]+)" },
};

describeWithCli("graph-connectors export", () => {
  beforeAll(requirePulumiCli);

  test("export, adopt with the generated program, preview clean; import the same objects natively with no diff", async () => {
    const { emulator } = env;
    const admin = adminClient(emulator);
    await admin.request("POST", "v1.0", "/external/connections", {
      id: "legacyhr",
      name: "Legacy HR",
      description: "Made by a script",
      searchSettings: { searchResultTemplates: [TEMPLATE] },
      activitySettings: { urlToItemResolvers: [RESOLVER] },
    });
    await admin.request("PATCH", "v1.0", "/external/connections/legacyhr/schema", TITLE_SCHEMA);
    await admin.request("POST", "v1.0", "/external/connections/legacyhr/groups", {
      id: "team",
      displayName: "Team",
      description: "HR team",
    });
    emulator.advanceClock(1000);

    const out = scratchDir("graph-export-");
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [join(packageRoot(), "dist", "provider", "cli.js"), "export", "--out", out, "--group", "legacyhr/team"],
      {
        env: {
          ...process.env,
          NODE_EXTRA_CA_CERTS: trustBundlePath(),
          ...emulatorEnvironment(emulator.url),
        },
      },
    );
    expect(stdout).toContain("exported ExternalConnection legacyhr");
    expect(stdout).toContain("exported ExternalGroup legacyhr/team");
    const program = readFileSync(join(out, "index.ts"), "utf8");
    const importFile = JSON.parse(readFileSync(join(out, "import.json"), "utf8"));
    expect(importFile.resources).toEqual([
      { type: "graph-connectors:index:ExternalConnection", name: "legacyhr", id: "legacyhr" },
      { type: "graph-connectors:index:ExternalGroup", name: "legacyhrTeam", id: "legacyhr/team" },
    ]);
    expect(program).not.toContain(EMULATOR_CLIENT_SECRET);

    // The generated program, run as written with this package's dynamic resources.
    const workDir = projectDirectory(scratchDir("graph-export-project-"));
    writeFileSync(join(workDir, "Pulumi.yaml"), "name: graph-connectors-export\nruntime: nodejs\n");
    const adoptStack = await emulatorStack(
      emulator,
      async () => {
        typescriptProgram(program, { "pulumi-graph-connectors": dynamicSdk })();
      },
      { workDir },
    );
    emulator.clearRequests();
    const adopted = await adoptStack.up();
    expect(adopted.summary.resourceChanges).toEqual({ create: 3 });
    // Taking over changed nothing: the only writes were the creates Graph refused with 409.
    expect(emulator.requestLog().filter((line) => !line.startsWith("GET") && !line.includes("/token"))).toEqual([
      "POST /v1.0/external/connections 409",
      "POST /v1.0/external/connections/legacyhr/groups 409",
    ]);
    await adoptStack.preview({ expectNoChanges: true });

    // The import file, with the same inputs, for the native provider: the ImportStep fails on any difference.
    const native = requireInstalled<Record<string, new (name: string, args: unknown, opts: { import: string }) => unknown>>(
      installNativeSdk(workDir),
    );
    const declared: Record<string, Record<string, unknown>> = {};
    class Recorder {
      [key: string]: unknown;
      constructor(name: string, args: Record<string, unknown>) {
        const { adoptExisting: _, ...inputs } = args;
        declared[name] = inputs;
        Object.assign(this, inputs);
      }
    }
    typescriptProgram(program, { "pulumi-graph-connectors": { ExternalConnection: Recorder, ExternalGroup: Recorder } })();
    const nativeStack = await emulatorStack(
      emulator,
      async () => {
        for (const entry of importFile.resources) {
          new native[entry.type.split(":").at(-1)](entry.name, declared[entry.name], { import: entry.id });
        }
      },
      { workDir },
    );
    emulator.clearRequests();
    const imported = await nativeStack.up();
    expect(imported.summary.resourceChanges).toEqual({ create: 1, import: 2 }); // the stack, two imports
    expect(emulator.requestLog().filter((line) => !line.startsWith("GET") && !line.includes("/token"))).toEqual([]);
    await nativeStack.preview({ expectNoChanges: true });

    await nativeStack.destroy();
    expect(tenantSummary(emulator)).toEqual({});
  });
});
