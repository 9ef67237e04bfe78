/**
 * The native provider as a Pulumi YAML user meets it: `examples/yaml` run by the real `pulumi` CLI in its
 * project directory, with Pulumi YAML's language host (scripts/setup-pulumi-yaml.sh) and the plugin found the
 * ways users get it (tests/helpers/pluginDiscovery.ts). What the provider tells the user must be in the CLI's
 * output: readiness gaps and a replace that deletes every ingested item at preview, schema-wait progress during
 * `up`, a group managed twice; drift after a refresh prints as Graph's value against the program's, and members the
 * program changes as the objects it declares.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { EMULATOR_CLIENT_ID, EMULATOR_CLIENT_SECRET, EMULATOR_TENANT_ID } from "../../emulator";
import { adminClient, TITLE_SCHEMA, useEmulator } from "../helpers/harness";
import { CliProject, cliProject } from "../helpers/cliProject";
import { checkpointText, describeWithCli, requirePulumiCli, tenantSummary } from "../helpers/pulumiStack";

const env = useEmulator({ schemaProvisioningMs: 1500, deletionMs: 300 });
jest.setTimeout(900_000);

const EDITOR = "6f1d2c3b-4a5e-4f60-8a7b-9c0d1e2f3a41";
const READER = "0b9e8d7c-6a5f-4e3d-8c2b-1a0f9e8d7c61";
const SALES = "2c4e6a8b-0d1f-4a3c-9e5b-7d9f1b3d5e71";
const SUPPORT = "8a6c4e2b-0f1d-4b3a-8c5e-7f9a1b3c5d81";

/** Fails loudly when Pulumi YAML's language host is missing instead of silently passing. */
function requireYamlHost(): void {
  const pulumi = execFileSync("sh", ["-c", "command -v pulumi"], { encoding: "utf8" }).trim();
  const onPath = (process.env.PATH ?? "").split(":").some((dir) => existsSync(join(dir, "pulumi-language-yaml")));
  if (!onPath && !existsSync(join(dirname(pulumi), "pulumi-language-yaml"))) {
    throw new Error("pulumi-language-yaml is not on PATH; run the tests with `npm test`, which provides it (scripts/setup-pulumi-yaml.sh)");
  }
}

/** The example's stack `dev`, its explicit provider's tenant set through stack config (the secret as a secret). */
async function devStack(project: CliProject): Promise<void> {
  await project.ok(["stack", "init", "dev"]);
  await project.ok(["config", "set", "emeaTenantId", EMULATOR_TENANT_ID]);
  await project.ok(["config", "set", "emeaClientId", EMULATOR_CLIENT_ID]);
  await project.ok(["config", "set", "--secret", "emeaClientSecret", EMULATOR_CLIENT_SECRET]);
}

/** Graph writes, without token traffic: what a preview must not send. */
const writes = () => env.emulator.requestLog().filter((line) => !line.startsWith("GET") && !line.includes("/token"));

const DEPLOYED = {
  contosowiki: { wikiEditors: [EDITOR], wikiReaders: [READER], sales: [SALES], support: [SUPPORT] },
  hremea: {},
};

describeWithCli("a Pulumi YAML program through the CLI, with the native provider", () => {
  beforeAll(async () => {
    await requirePulumiCli();
    requireYamlHost();
  });

  test("preview, up, no-op preview, refresh, import from the command line, drift, a replace at preview, destroy: the plugin from node_modules/.bin", async () => {
    const { emulator } = env;
    const project = await cliProject("yaml", { emulator, discovery: "npm-bin" });
    await devStack(project);

    const preview = await project.ok(["preview"]);
    expect(preview.output).toContain(
      `using pulumi-resource-graph-connectors from $PATH at ${join(project.dir, "node_modules", ".bin", "pulumi-resource-graph-connectors")}`,
    );
    // Readiness gaps, as warnings of the connection they concern.
    expect(preview.output).toMatch(
      /graph-connectors:index:ExternalConnection \(wiki\):\n(\s+warning: .*\n)*\s+warning: connection 'contosowiki', required for Microsoft 365 Copilot: iconUrl label: /,
    );
    expect(preview.output).toMatch(
      /graph-connectors:index:ExternalConnection \(hrEmea\):\n\s+warning: connection 'hremea', recommended for Microsoft Search: result template: /,
    );
    expect(writes()).toEqual([]);

    // The preview above is the one `pulumi up` would show first; the tests skip repeating it (a full engine run).
    const up = await project.ok(["up", "--yes", "--skip-preview"]);
    // The schema wait, shown on the connection's line while it lasts.
    expect(up.output).toMatch(
      /graph-connectors:index:ExternalConnection wiki creating \(\d+s\).*waiting for the schema of connection 'contosowiki' \(\d+ s so far\)/,
    );
    expect(up.output).toContain("+ 8 created");
    expect(tenantSummary(emulator)).toEqual(DEPLOYED);
    const state = checkpointText(project.stateDir, "dev");
    expect(state).not.toContain(EMULATOR_CLIENT_SECRET);

    await project.ok(["preview", "--expect-no-changes"]);
    const refresh = await project.ok(["refresh", "--yes", "--skip-preview"]);
    expect(refresh.output).toContain("8 unchanged");
    await project.ok(["preview", "--expect-no-changes"]);

    // `pulumi import` from the command line: the engine asks the YAML host for the program's packages; the
    // generated declaration, added to the program, previews with no changes.
    const admin = adminClient(emulator);
    await admin.request("POST", "v1.0", "/external/connections", { id: "legacyhr", name: "Legacy HR", description: "Made by a script" });
    await admin.request("PATCH", "v1.0", "/external/connections/legacyhr/schema", TITLE_SCHEMA);
    emulator.advanceClock(1000);
    const generated = join(project.dir, "imported.yaml");
    const imported = await project.ok([
      "import",
      "graph-connectors:index:ExternalConnection",
      "legacy",
      "legacyhr",
      "--yes",
      "--protect=false",
      "--out",
      generated,
    ]);
    expect(imported.output).toContain("= 1 imported");
    const declaration = readFileSync(generated, "utf8").replace(/^resources:\n/, "");
    expect(declaration).toMatch(/^ {2}legacy:\n {4}type: graph-connectors:ExternalConnection\n/);
    project.setProgram(project.program().replace(/^resources:\n/m, `resources:\n${declaration}`));
    await project.ok(["preview", "--expect-no-changes"]);

    // Drift: a group of the set and a group renamed in Graph; the refresh finds it and the next preview shows
    // Graph's value against the program's, nothing else of the set, and no member.
    await admin.request("PATCH", "v1.0", "/external/connections/contosowiki/groups/sales", { displayName: "Sales (renamed)" });
    await admin.request("PATCH", "v1.0", "/external/connections/contosowiki/groups/wikiEditors", { displayName: "Editors (renamed)" });
    const drifted = await project.ok(["refresh", "--yes", "--skip-preview"]);
    expect(drifted.output).toMatch(/graph-connectors:index:ExternalGroupSet teams updated .*\[diff: ~groups\]/);
    const diff = await project.ok(["preview", "--diff"]);
    expect(diff.output).toMatch(/~ groups: {\n\s+~ sales: {\n\s+~ displayName: "Sales \(renamed\)" => "Sales"\n\s+}\n\s+}/);
    expect(diff.output).toContain('~ displayName: "Editors (renamed)" => "Wiki editors"');
    expect(diff.output).not.toMatch(/"Sales" => "Sales"|"Wiki editors" => "Wiki editors"/);
    expect(diff.output).not.toContain("user:");

    // Members the program changes print as it declares them, objects, and only those that change: a member
    // added to a group, and in the set a member swapped for another at its place.
    const declared = project.program();
    project.setProgram(
      declared
        .replace(
          `      members:\n        - id: ${EDITOR}\n          type: user\n`,
          `      members:\n        - id: ${EDITOR}\n          type: user\n        - id: ${READER}\n          type: user\n`,
        )
        .replace(`            - id: ${SUPPORT}\n`, `            - id: ${EDITOR}\n`),
    );
    const members = await project.ok(["preview", "--diff"]);
    // The resources' part (the stack's outputs, printed after it, show whole values).
    const resources = members.output.slice(0, members.output.indexOf("--outputs:--"));
    expect(resources).toMatch(
      new RegExp(`~ members: \\[\\n\\s+\\+ \\[1\\]: {\\n\\s+\\+ id\\s*: "${READER}"\\n\\s+\\+ type\\s*: "user"\\n`),
    );
    expect(resources).toMatch(
      new RegExp(`~ support: {\\n\\s+~ members: \\[\\n\\s+~ \\[0\\]: {\\n\\s+~ id\\s*: "${SUPPORT}" => "${EDITOR}"\\n\\s+type: "user"\\n`),
    );
    expect(resources).not.toContain("user:");
    // Unchanged members and groups are not printed.
    expect(resources).not.toContain(SALES);
    expect(resources.match(new RegExp(EDITOR, "g"))).toHaveLength(1);
    project.setProgram(declared);

    // A schema change Graph cannot apply: the preview says what the replace costs.
    const program = project.program();
    project.setProgram(program.replace(/ {10}- name: space\n {12}type: string\n {12}isQueryable: true\n {12}isRetrievable: true\n/, ""));
    const replace = await project.ok(["preview"]);
    expect(replace.output).toMatch(
      /warning: connection 'contosowiki' will be replaced \(property 'space' is removed\): replacing the connection deletes it with every ingested item/,
    );
    expect(replace.output).toContain("+-5 to replace");

    // One group's members declared both ways.
    project.setProgram(
      program.replace(
        "      groupId: wikiReaders\n      displayName: Wiki readers\n",
        `      groupId: wikiReaders\n      displayName: Wiki readers\n      members:\n        - id: ${READER}\n          type: user\n`,
      ),
    );
    const twice = await project.ok(["preview"]);
    expect(twice.output).toMatch(
      /graph-connectors:index:ExternalGroupMember \(reader\):\n\s+warning: group 'wikiReaders' of connection 'contosowiki' has its members managed by ExternalGroup 'readers' and also by ExternalGroupMember 'reader'/,
    );

    project.setProgram(program);
    await project.ok(["up", "--yes", "--skip-preview"]);
    expect(emulator.store.connection("contosowiki")!.groups.get("sales")!.displayName).toBe("Sales");
    await project.ok(["preview", "--expect-no-changes"]);
    const destroy = await project.ok(["destroy", "--yes", "--skip-preview"]);
    expect(destroy.output).toContain("- 9 deleted"); // the stack, the explicit provider, seven resources
    expect(tenantSummary(emulator)).toEqual({});
  });

  test("the plugin installed with `pulumi plugin install --file` from the plugin archive: up, refresh, destroy", async () => {
    const { emulator } = env;
    const project = await cliProject("yaml", { emulator, discovery: "plugin-archive" });
    await devStack(project);
    const up = await project.ok(["up", "--yes", "--skip-preview"]);
    expect(up.output).not.toContain("pulumi-resource-graph-connectors from $PATH");
    expect(tenantSummary(emulator)).toEqual(DEPLOYED);
    await project.ok(["refresh", "--yes", "--skip-preview"]);
    await project.ok(["preview", "--expect-no-changes"]);
    await project.ok(["destroy", "--yes", "--skip-preview"]);
    expect(tenantSummary(emulator)).toEqual({});
  });
});
