/**
 * What the native plugin tells the person running Pulumi reaches the engine's Log RPC, each line with the URN
 * of the resource whose call wrote it: warnings from Check and Diff (readiness gaps, a replace that deletes
 * every ingested item, a group managed twice), progress from Create (the schema wait, as ephemeral lines).
 * The plugin runs as the engine starts it, with a stand-in engine's address as its argument; Graph is the
 * emulator over HTTPS.
 */
import { adminClient, TITLE_SCHEMA, useEmulator, USER_1 } from "../helpers/harness";
import {
  checkRequest,
  configureProviderRequest,
  emulatorConfig,
  diffRequest,
  PluginHandle,
  plain,
  proto,
  readRequest,
  startPlugin,
  TYPE,
} from "../helpers/nativePlugin";
import { FakeEngine, startFakeEngine } from "../helpers/fakeEngine";
import { toStruct } from "../../provider/native/properties";

const env = useEmulator({ schemaProvisioningMs: 1500, deletionMs: 200 });
let engine: FakeEngine;
let plugin: PluginHandle;

const urn = (type: string, name: string) => `urn:pulumi:dev::proj::${TYPE(type)}::${name}`;

beforeAll(async () => {
  engine = await startFakeEngine();
  plugin = await startPlugin(Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^(AZURE_|ARM_|MSGRAPH_)/.test(key))), {
    engineAddress: engine.address,
  });
  await plugin.call("configure", configureProviderRequest(emulatorConfig(env.emulator.url)));
});
afterAll(async () => {
  await plugin.stop();
  await engine.stop();
});
beforeEach(() => {
  engine.lines.length = 0;
});

const linesOf = (resource: string) => engine.lines.filter((line) => line.urn === resource);

async function check(type: string, name: string, news: object, olds?: object) {
  return plugin.call<InstanceType<typeof proto.CheckResponse>>("check", checkRequest(type, news, olds).setUrn(urn(type, name)));
}

describe("the plugin's lines go to the engine's Log RPC with the resource's URN", () => {
  test("readiness gaps found by Check are warnings of that resource, delivered before Check answers", async () => {
    const checked = await check("ExternalConnection", "wiki", { connectionId: "contosowiki", name: "Wiki", schema: TITLE_SCHEMA });
    expect(checked.getFailuresList()).toEqual([]);
    const warnings = linesOf(urn("ExternalConnection", "wiki"));
    expect(warnings.map((line) => [line.severity, line.ephemeral])).toEqual(warnings.map(() => ["warning", false]));
    expect(warnings.map((line) => line.message)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^connection 'contosowiki', required for Microsoft 365 Copilot: iconUrl label/)]),
    );
    expect(engine.lines.filter((line) => line.urn !== urn("ExternalConnection", "wiki"))).toEqual([]);
  });

  test("a warning already given for a resource is not repeated (the engine checks a replaced resource twice)", async () => {
    const declared = { connectionId: "twicekb", name: "Twice", schema: TITLE_SCHEMA };
    await check("ExternalConnection", "twice", declared);
    const once = linesOf(urn("ExternalConnection", "twice")).length;
    expect(once).toBeGreaterThan(0);
    await check("ExternalConnection", "twice", declared);
    expect(linesOf(urn("ExternalConnection", "twice"))).toHaveLength(once);
  });

  test("two checks at once: each line carries its own call's URN", async () => {
    await Promise.all([
      check("ExternalConnection", "first", { connectionId: "firstkb", name: "First", schema: TITLE_SCHEMA }),
      check("ExternalConnection", "second", { connectionId: "secondkb", name: "Second", schema: TITLE_SCHEMA }),
    ]);
    const first = linesOf(urn("ExternalConnection", "first"));
    const second = linesOf(urn("ExternalConnection", "second"));
    expect(first.length).toBeGreaterThan(0);
    expect(first.every((line) => line.message.includes("'firstkb'"))).toBe(true);
    expect(second.length).toBe(first.length);
    expect(second.every((line) => line.message.includes("'secondkb'"))).toBe(true);
  });

  test("a replace that deletes every ingested item is a warning of the Diff", async () => {
    const declared = { connectionId: "contosowiki", name: "Wiki", readiness: "none", schema: TITLE_SCHEMA };
    const checked = plain((await check("ExternalConnection", "wiki", declared)).getInputs())!;
    const withoutUrl = plain(
      (
        await check("ExternalConnection", "wiki", { ...declared, schema: { properties: [TITLE_SCHEMA.properties[0]] } }, checked)
      ).getInputs(),
    )!;
    engine.lines.length = 0;
    const diff = await plugin.call<InstanceType<typeof proto.DiffResponse>>(
      "diff",
      diffRequest("ExternalConnection", "contosowiki", checked, withoutUrl, checked).setUrn(urn("ExternalConnection", "wiki")),
    );
    expect(diff.getReplacesList()).toEqual(["schema"]);
    expect(linesOf(urn("ExternalConnection", "wiki"))).toEqual([
      {
        severity: "warning",
        ephemeral: false,
        urn: urn("ExternalConnection", "wiki"),
        message: expect.stringMatching(
          /^connection 'contosowiki' will be replaced \(property 'url' is removed\): .*deletes it with every ingested item/,
        ),
      },
    ]);
  });

  test("the schema wait of a Create is progress of that resource: ephemeral lines, then the answer", async () => {
    const declared = { connectionId: "progresskb", name: "Progress", readiness: "none", schema: TITLE_SCHEMA };
    const checked = plain((await check("ExternalConnection", "progress", declared)).getInputs())!;
    const created = await plugin.call<InstanceType<typeof proto.CreateResponse>>(
      "create",
      new proto.CreateRequest()
        .setUrn(urn("ExternalConnection", "progress"))
        .setType(TYPE("ExternalConnection"))
        .setProperties(toStruct(checked)),
    );
    expect(plain(created.getProperties())).toMatchObject({ state: "ready" });
    const progress = linesOf(urn("ExternalConnection", "progress"));
    expect(progress.every((line) => line.severity === "info" && line.ephemeral)).toBe(true);
    expect(progress.map((line) => line.message)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^waiting for the schema of connection 'progresskb' \(\d+ s so far\)$/),
        "connection 'progresskb': schema registered",
      ]),
    );
  });

  test("a group whose members an ExternalGroup manages and an ExternalGroupMember adds to is named at the second check", async () => {
    await check("ExternalGroup", "readers", { connectionId: "contosokb", groupId: "readers", members: [{ id: USER_1, type: "user" }] });
    expect(linesOf(urn("ExternalGroup", "readers"))).toEqual([]);
    await check("ExternalGroupMember", "reader", { connectionId: "contosokb", groupId: "readers", memberId: USER_1, memberType: "user" });
    expect(linesOf(urn("ExternalGroupMember", "reader"))).toEqual([
      expect.objectContaining({
        severity: "warning",
        message: expect.stringMatching(
          /^group 'readers' of connection 'contosokb' has its members managed by ExternalGroup 'readers' and also by ExternalGroupMember 'reader': /,
        ),
      }),
    ]);
    // A member of another group is no conflict.
    await check("ExternalGroupMember", "other", { connectionId: "contosokb", groupId: "writers", memberId: USER_1, memberType: "user" });
    expect(linesOf(urn("ExternalGroupMember", "other"))).toEqual([]);
  });
});

describe("Diff after a refresh found drift", () => {
  test("the changed property is drift (not an input diff), so the CLI prints Graph's value against the program's", async () => {
    await adminClient(env.emulator).request("POST", "v1.0", "/external/connections", { id: "driftkb", name: "Drift" });
    const declared = { connectionId: "driftkb", groupId: "sales", displayName: "Sales", members: [{ id: USER_1, type: "user" }] };
    const checked = plain((await check("ExternalGroup", "sales", declared)).getInputs())!;
    const created = await plugin.call<InstanceType<typeof proto.CreateResponse>>(
      "create",
      new proto.CreateRequest().setUrn(urn("ExternalGroup", "sales")).setType(TYPE("ExternalGroup")).setProperties(toStruct(checked)),
    );
    await adminClient(env.emulator).request("PATCH", "v1.0", "/external/connections/driftkb/groups/sales", {
      displayName: "Sales (renamed)",
    });

    const refreshed = await plugin.call<InstanceType<typeof proto.ReadResponse>>(
      "read",
      readRequest("ExternalGroup", created.getId(), plain(created.getProperties())!, checked).setUrn(urn("ExternalGroup", "sales")),
    );
    const outputs = plain(refreshed.getProperties())!;
    expect(outputs.displayName).toBe("Sales (renamed)");
    const diff = await plugin.call<InstanceType<typeof proto.DiffResponse>>(
      "diff",
      diffRequest("ExternalGroup", created.getId(), outputs, checked, plain(refreshed.getInputs())!).setUrn(urn("ExternalGroup", "sales")),
    );
    expect(diff.getChanges()).toBe(proto.DiffResponse.DiffChanges.DIFF_SOME);
    expect(diff.getDiffsList()).toEqual(["displayName"]);
    const details = [...diff.getDetaileddiffMap().entries()].map(([path, property]) => [path, property.getKind(), property.getInputdiff()]);
    expect(details).toEqual([["displayName", proto.PropertyDiff.Kind.UPDATE, false]]);
  });
});
