/**
 * The native provider end to end through the real Pulumi CLI: a program using the generated nodejs SDK
 * (resources `graph-connectors:index:*`, served by the `pulumi-resource-graph-connectors` plugin found on
 * PATH) goes up, previews with no changes, refreshes, imports objects made outside Pulumi with no diff after,
 * reaches two tenants through two explicit providers, and destroys.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { EMULATOR_CLIENT_ID, EMULATOR_CLIENT_SECRET, EMULATOR_TENANT_ID, GraphEmulator } from "../../emulator";
import { projectDirectory } from "../../scripts/emulatorStack";
import { adminClient, TITLE_SCHEMA, useEmulator, USER_1, USER_2 } from "../helpers/harness";
import { installNativeSdk } from "../../scripts/nativeSdk";
import { describeWithCli, emulatorStack, requirePulumiCli, storedState, tenantSummary } from "../helpers/pulumiStack";
import { scratchDir } from "../helpers/scratch";
import { requireInstalled } from "../../scripts/requireInstalled";

const env = useEmulator({ schemaProvisioningMs: 500, deletionMs: 300 });
jest.setTimeout(480_000);

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the generated SDK is installed and required at run time; its classes have no static type here
let native: any;
let workDir: string;

beforeAll(async () => {
  await requirePulumiCli();
  workDir = projectDirectory(scratchDir("graph-native-"));
  writeFileSync(join(workDir, "Pulumi.yaml"), "name: graph-connectors-native\nruntime: nodejs\n");
  native = requireInstalled(installNativeSdk(workDir));
});

/** What the program last read from the group's `members` (inline programs run in this process). */
let membersSeen: unknown = "never read";

function kbProgram(extra: () => Record<string, unknown> = () => ({})) {
  return async () => {
    const connection = new native.ExternalConnection("kb", {
      connectionId: "contosokb",
      name: "Contoso KB",
      description: "Knowledge base",
      schema: TITLE_SCHEMA,
    });
    const group = new native.ExternalGroup("readers", {
      connectionId: connection.connectionId,
      groupId: "readers",
      displayName: "Readers",
      members: [{ id: USER_1, type: "user" }],
    });
    group.members.apply((members: unknown) => (membersSeen = members));
    const member = new native.ExternalGroupMember("writer", {
      connectionId: connection.connectionId,
      groupId: group.groupId,
      memberId: USER_2,
      memberType: "user",
    });
    return { state: connection.state, members: group.members, member: member.memberId, ...extra() };
  };
}

describeWithCli("the native provider through the Pulumi CLI", () => {
  test("up, no-change preview, refresh, import with no diff after, destroy", async () => {
    const { emulator } = env;
    let importing = false;
    const program = kbProgram(() => {
      if (!importing) return {};
      // The connection and group a script made, declared as they are and imported by id: the engine's
      // ImportStep reads them (Read with only the id, as \`pulumi import\` does) and fails on any difference.
      const legacy = new native.ExternalConnection(
        "legacy",
        { connectionId: "legacyhr", name: "Legacy HR", description: "Made by a script", schema: TITLE_SCHEMA },
        { import: "legacyhr" },
      );
      const team = new native.ExternalGroup(
        "team",
        { connectionId: "legacyhr", groupId: "team", displayName: "Team" },
        { import: "legacyhr/team", dependsOn: [legacy] },
      );
      return { legacy: legacy.state, team: team.groupId };
    });
    const stack = await emulatorStack(emulator, program, { workDir });

    // The provider answers the preview itself: the program reads the members in the schema's form, though
    // the checked inputs hold them as strings, and nothing is written to Graph.
    await stack.preview();
    expect(membersSeen).toEqual([{ id: USER_1, type: "user" }]);
    expect(emulator.requestLog().filter((line) => !line.startsWith("GET") && !line.includes("/token"))).toEqual([]);

    const up = await stack.up();
    expect(up.summary.resourceChanges).toEqual({ create: 4 }); // the stack and three resources (the default provider is not counted)
    expect(up.outputs.state.value).toBe("ready");
    expect(tenantSummary(emulator)).toEqual({ contosokb: { readers: [USER_1, USER_2].sort() } });
    const state = storedState(stack);
    expect(state).toContain('"type":"graph-connectors:index:ExternalConnection"');
    expect(state).not.toContain("__provider");
    expect(state).not.toContain(EMULATOR_CLIENT_SECRET);
    const group = JSON.parse(state).checkpoint.latest.resources.find(
      (resource: { type: string }) => resource.type === "graph-connectors:index:ExternalGroup",
    );
    expect([group.inputs.members, group.outputs.members]).toEqual([[`user:${USER_1}`], [{ id: USER_1, type: "user" }]]);

    membersSeen = "never read";
    await stack.preview({ expectNoChanges: true });
    expect(membersSeen).toEqual([{ id: USER_1, type: "user" }]);
    const refresh = await stack.refresh();
    expect(refresh.summary.resourceChanges).toEqual({ same: 4 });
    await stack.preview({ expectNoChanges: true });

    // Objects made outside Pulumi (by a script), then imported by id.
    const admin = adminClient(emulator);
    await admin.request("POST", "v1.0", "/external/connections", { id: "legacyhr", name: "Legacy HR", description: "Made by a script" });
    await admin.request("PATCH", "v1.0", "/external/connections/legacyhr/schema", TITLE_SCHEMA);
    await admin.request("POST", "v1.0", "/external/connections/legacyhr/groups", { id: "team", displayName: "Team" });
    emulator.advanceClock(1000);
    importing = true;
    emulator.clearRequests();
    const imported = await stack.up();
    expect(imported.summary.resourceChanges).toEqual({ same: 4, import: 2, update: 1 }); // the update: the stack's new outputs
    expect(emulator.requestLog().filter((line) => !line.startsWith("GET") && !line.includes("/token"))).toEqual([]);
    await stack.preview({ expectNoChanges: true });

    const destroy = await stack.destroy();
    expect(destroy.summary.resourceChanges).toEqual({ delete: 6 });
    expect(tenantSummary(emulator)).toEqual({});
  });

  test("an ExternalGroupSet through the generated SDK: its map of groups goes up, previews unchanged, updates and is destroyed", async () => {
    const { emulator } = env;
    let groups: Record<string, unknown> = {
      sales: { displayName: "Sales", members: [{ id: USER_1, type: "user" }] },
      hr: { members: [{ id: USER_2, type: "user" }] },
    };
    const stack = await emulatorStack(
      emulator,
      async () => {
        const connection = new native.ExternalConnection("kb", {
          connectionId: "contosokb",
          name: "Contoso KB",
          description: "Knowledge base",
          schema: TITLE_SCHEMA,
        });
        const set = new native.ExternalGroupSet("acl", { connectionId: connection.connectionId, groups });
        return { groups: set.groups };
      },
      { workDir },
    );
    const up = await stack.up();
    expect(up.outputs.groups.value).toEqual(groups);
    expect(tenantSummary(emulator)).toEqual({ contosokb: { sales: [USER_1], hr: [USER_2] } });
    const stored = JSON.parse(storedState(stack)).checkpoint.latest.resources.find(
      (resource: { type: string }) => resource.type === "graph-connectors:index:ExternalGroupSet",
    );
    // Inputs keep each group's members as one string of lines; outputs follow the schema.
    expect([stored.inputs.groups.sales.members, stored.outputs.groups.sales.members]).toEqual([
      `user:${USER_1}`,
      [{ id: USER_1, type: "user" }],
    ]);
    await stack.preview({ expectNoChanges: true });

    groups = { sales: { displayName: "Sales EMEA", members: [{ id: USER_2, type: "user" }] } };
    const updated = await stack.up();
    expect(updated.summary.resourceChanges).toMatchObject({ update: 1 });
    expect(tenantSummary(emulator)).toEqual({ contosokb: { sales: [USER_2] } });
    // The member the change added stays as declared in the inputs, where the CLI printed it from.
    const afterUpdate = JSON.parse(storedState(stack)).checkpoint.latest.resources.find(
      (resource: { type: string }) => resource.type === "graph-connectors:index:ExternalGroupSet",
    );
    expect(afterUpdate.inputs.groups.sales.members).toEqual([{ id: USER_2, type: "user" }]);
    await stack.preview({ expectNoChanges: true });
    await stack.destroy();
    expect(tenantSummary(emulator)).toEqual({});
  });

  test("two explicit providers reach two tenants in one stack; their secrets stay encrypted", async () => {
    const second = new GraphEmulator({ schemaProvisioningMs: 300, deletionMs: 300 });
    await second.start();
    try {
      const provider = (name: string, emulator: GraphEmulator) =>
        new native.Provider(name, {
          tenantId: EMULATOR_TENANT_ID,
          clientId: EMULATOR_CLIENT_ID,
          clientSecret: pulumi.secret(EMULATOR_CLIENT_SECRET),
          endpoint: emulator.url,
          authorityHost: emulator.url,
        });
      const program = async () => {
        const emea = provider("emea", env.emulator);
        const apac = provider("apac", second);
        new native.ExternalConnection("emea", { connectionId: "hremea", name: "HR EMEA", schema: TITLE_SCHEMA }, { provider: emea });
        new native.ExternalConnection("apac", { connectionId: "hrapac", name: "HR APAC", schema: TITLE_SCHEMA }, { provider: apac });
      };
      // No credential in the environment: each provider's configuration is the only way in.
      const stack = await emulatorStack(env.emulator, program, {
        workDir,
        envVars: { AZURE_TENANT_ID: "", AZURE_CLIENT_ID: "", AZURE_CLIENT_SECRET: "", MSGRAPH_ENDPOINT: "", MSGRAPH_AUTHORITY_HOST: "" },
      });
      const up = await stack.up();
      expect(up.summary.resourceChanges).toEqual({ create: 5 }); // the stack, two providers, two connections
      expect(tenantSummary(env.emulator)).toEqual({ hremea: {} });
      expect(tenantSummary(second)).toEqual({ hrapac: {} });
      expect(storedState(stack)).not.toContain(EMULATOR_CLIENT_SECRET);
      await stack.preview({ expectNoChanges: true });
      await stack.destroy();
      expect(tenantSummary(env.emulator)).toEqual({});
      expect(tenantSummary(second)).toEqual({});
    } finally {
      await second.stop();
    }
  });

  test("the detailed diff makes ignoreChanges and replaceOnChanges work", async () => {
    const spec = { description: "Knowledge base", displayName: "Readers" };
    const stack = await emulatorStack(
      env.emulator,
      async () => {
        const connection = new native.ExternalConnection(
          "kb",
          { connectionId: "diffkb", name: "KB", description: spec.description, schema: TITLE_SCHEMA },
          { ignoreChanges: ["description"] },
        );
        new native.ExternalGroup(
          "readers",
          { connectionId: connection.connectionId, groupId: "readers", displayName: spec.displayName },
          { replaceOnChanges: ["displayName"], deleteBeforeReplace: true },
        );
      },
      { workDir },
    );
    await stack.up();
    Object.assign(spec, { description: "Changed outside the plan", displayName: "All readers" });
    const preview = await stack.preview();
    expect(preview.changeSummary).toEqual({ same: 2, replace: 1 }); // the stack and the connection (description ignored); the group
    const up = await stack.up();
    expect(up.summary.resourceChanges).toEqual({ same: 2, replace: 1 });
    expect(env.emulator.store.connection("diffkb")!.entity.description).toBe("Knowledge base");
    expect(env.emulator.store.connection("diffkb")!.groups.get("readers")!.displayName).toBe("All readers");
    await stack.destroy();
  });

  // The plugin's readiness warnings travel the same path as its other warnings (check's result and stderr);
  // what the engine shows of them is the plugin's logging, not asserted here.
  test("strictReadiness takes a level or a boolean through the plugin, and a failure names the level", async () => {
    const settings: Record<string, unknown> = { readiness: "agent", strictReadiness: "required" };
    const stack = await emulatorStack(
      env.emulator,
      async () => {
        new native.ExternalConnection("kb", {
          connectionId: "agentkb",
          name: "KB",
          description: "Knowledge base articles for the HR agent",
          schema: TITLE_SCHEMA,
          ...settings,
        });
      },
      { workDir },
    );
    const failed = String(await stack.preview().catch((error: Error) => error));
    expect(failed).toContain("strictReadiness: required for Microsoft 365 Copilot: iconUrl label");
    expect(failed).not.toContain("itemPath label"); // an agent gap, which "required" leaves a warning
    settings.strictReadiness = false;
    expect((await stack.preview()).changeSummary).toEqual({ create: 2 });
    expect(env.emulator.requests()).toEqual([]);
  });
});
