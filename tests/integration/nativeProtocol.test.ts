/**
 * The native provider plugin driven over gRPC like the engine drives it: Configure first (with the client
 * secret as a secret), then Check, Create, Diff, Read (refresh and import), Update and Delete, against the
 * emulator over HTTPS.
 */
import { EMULATOR_CLIENT_SECRET, EMULATOR_TENANT_ID } from "../../emulator";
import { ENTRA_SOURCE_ID, profileSourceUrl } from "../../model/people";
import { adminClient, graphCalls, useEmulator, TITLE_SCHEMA, USER_1, USER_2 } from "../helpers/harness";
import {
  checkRequest,
  configureProviderRequest,
  emulatorConfig,
  diffRequest,
  empty,
  PluginHandle,
  plain,
  proto,
  readRequest,
  SECRET_SIGNATURE,
  startPlugin,
  TYPE,
  URN,
} from "../helpers/nativePlugin";
import { toStruct } from "../../provider/native/properties";
import { UNKNOWN } from "../../provider/resources/values";
import packageJson from "../../package.json";

const env = useEmulator({ schemaProvisioningMs: 200, deletionMs: 200 });
let plugin: PluginHandle;

// No AZURE_*/ARM_* variables: the provider's configuration is the only way in, as with an explicit provider.
const pluginEnv = () => Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^(AZURE_|ARM_|MSGRAPH_)/.test(key)));

beforeAll(async () => {
  plugin = await startPlugin(pluginEnv());
});
afterAll(async () => {
  await plugin.stop();
});

function tenantConfig() {
  return { ...emulatorConfig(env.emulator.url), version: "0.2.0" };
}

async function configure() {
  await plugin.call("configure", configureProviderRequest(tenantConfig()));
}

async function create(type: string, inputs: object) {
  const response = await plugin.call<InstanceType<typeof proto.CreateResponse>>(
    "create",
    new proto.CreateRequest().setUrn(URN(type)).setType(TYPE(type)).setProperties(toStruct(inputs)),
  );
  return { id: response.getId(), outs: plain(response.getProperties())! };
}

const CONNECTION = { connectionId: "contosohr", name: "Contoso HR", description: "HR articles", schema: TITLE_SCHEMA };

describe("the native provider over gRPC", () => {
  test("plugin info and schema", async () => {
    const info = await plugin.call<{ getVersion(): string }>("getPluginInfo", new empty.Empty());
    expect(info.getVersion()).toBe(packageJson.version);
    const schema = JSON.parse((await plugin.call<{ getSchema(): string }>("getSchema", new proto.GetSchemaRequest())).getSchema());
    expect(schema.name).toBe("graph-connectors");
    expect(Object.keys(schema.resources)).toContain("graph-connectors:index:ExternalConnection");
  });

  test("CheckConfig fails a bad endpoint or environment at preview, naming the property", async () => {
    const check = async (config: object) =>
      (
        await plugin.call<InstanceType<typeof proto.CheckResponse>>(
          "checkConfig",
          checkRequest("Provider", config)
            .setUrn("urn:pulumi:test::proj::pulumi:providers:graph-connectors::default")
            .setType("pulumi:providers:graph-connectors"),
        )
      )
        .getFailuresList()
        .map((failure) => [failure.getProperty(), failure.getReason()]);
    expect(await check({ endpoint: "http://graph.example.com" })).toEqual([
      ["endpoint", expect.stringContaining("graph-connectors:endpoint must use https")],
    ]);
    expect(await check({ environment: "mars" })).toEqual([["environment", expect.stringContaining("'mars' is not one of global")]]);
    expect(await check({ environment: "china" })).toEqual([["environment", expect.stringContaining("not available in the China")]]);
    expect(await check({ endpoint: env.emulator.url, tenantId: EMULATOR_TENANT_ID })).toEqual([]);
  });

  test("Check validates inputs before any request", async () => {
    await configure();
    const before = graphCalls(env.emulator).length;
    const response = await plugin.call<InstanceType<typeof proto.CheckResponse>>(
      "check",
      checkRequest("ExternalConnection", { connectionId: "a", name: "x" }),
    );
    expect(response.getFailuresList().map((failure) => failure.getProperty())).toContain("connectionId");
    expect(graphCalls(env.emulator).length).toBe(before);
  });

  test("a connection's life: create, no-change diff, detailed diff, refresh, update, delete", async () => {
    await configure();
    const { id, outs } = await create("ExternalConnection", CONNECTION);
    expect(id).toBe("contosohr");
    expect(outs).toMatchObject({ connectionId: "contosohr", name: "Contoso HR", state: "ready" });

    const diff = (news: object) =>
      plugin.call<InstanceType<typeof proto.DiffResponse>>("diff", diffRequest("ExternalConnection", id, outs, news, CONNECTION));
    expect((await diff(CONNECTION)).getChanges()).toBe(proto.DiffResponse.DiffChanges.DIFF_NONE);
    const renamed = await diff({ ...CONNECTION, name: "Contoso People" });
    expect(renamed.getChanges()).toBe(proto.DiffResponse.DiffChanges.DIFF_SOME);
    expect(renamed.getDiffsList()).toEqual(["name"]);
    expect(renamed.getHasdetaileddiff()).toBe(true);
    expect(renamed.getDetaileddiffMap().get("name")!.getKind()).toBe(proto.PropertyDiff.Kind.UPDATE);
    expect(renamed.getReplacesList()).toEqual([]);
    const moved = await diff({ ...CONNECTION, connectionId: "contosohr2" });
    expect(moved.getReplacesList()).toEqual(["connectionId"]);
    expect(moved.getDetaileddiffMap().get("connectionId")!.getKind()).toBe(proto.PropertyDiff.Kind.UPDATE_REPLACE);

    const refreshed = await plugin.call<InstanceType<typeof proto.ReadResponse>>(
      "read",
      readRequest("ExternalConnection", id, outs, CONNECTION),
    );
    expect(refreshed.getId()).toBe(id);
    expect(plain(refreshed.getProperties())).toMatchObject({ name: "Contoso HR", state: "ready" });
    // Nothing drifted: the engine's own values go back, secrets still marked as such (and a large set's
    // members are not encoded a second time).
    const secret = (value: unknown) => ({ ...SECRET_SIGNATURE, value });
    const marked = await plugin.call<InstanceType<typeof proto.ReadResponse>>(
      "read",
      readRequest(
        "ExternalConnection",
        id,
        { ...outs, description: secret("HR articles") },
        { ...CONNECTION, description: secret("HR articles") },
      ),
    );
    expect([plain(marked.getProperties())!.description, plain(marked.getInputs())!.description]).toEqual([
      secret("HR articles"),
      secret("HR articles"),
    ]);

    const updated = await plugin.call<InstanceType<typeof proto.UpdateResponse>>(
      "update",
      new proto.UpdateRequest()
        .setUrn(URN("ExternalConnection"))
        .setType(TYPE("ExternalConnection"))
        .setId(id)
        .setOlds(toStruct(outs))
        .setNews(toStruct({ ...CONNECTION, name: "Contoso People" }))
        .setOldInputs(toStruct(CONNECTION)),
    );
    expect(plain(updated.getProperties())).toMatchObject({ name: "Contoso People" });
    expect(env.emulator.store.connection("contosohr")!.entity.name).toBe("Contoso People");

    await plugin.call(
      "delete",
      new proto.DeleteRequest()
        .setUrn(URN("ExternalConnection"))
        .setType(TYPE("ExternalConnection"))
        .setId(id)
        .setProperties(updated.getProperties()),
    );
    const gone = await plugin.call<InstanceType<typeof proto.ReadResponse>>("read", readRequest("ExternalConnection", id, outs));
    expect(gone.getId()).toBe("");
  });

  test("a group's checked inputs keep members as strings, a change's additions as declared; previews answer in the schema's form without a request", async () => {
    const configured = await plugin.call<InstanceType<typeof proto.ConfigureResponse>>(
      "configure",
      configureProviderRequest(tenantConfig()),
    );
    expect(configured.getSupportspreview()).toBe(true);
    await create("ExternalConnection", CONNECTION);
    const declared = { connectionId: "contosohr", groupId: "sales", members: [{ id: USER_1, type: "user" }] };
    const checkedResponse = await plugin.call<InstanceType<typeof proto.CheckResponse>>("check", checkRequest("ExternalGroup", declared));
    const checked = plain(checkedResponse.getInputs())!;
    expect(checked).toEqual({ ...declared, members: [`user:${USER_1}`] });

    const before = graphCalls(env.emulator).length;
    const previewed = await plugin.call<InstanceType<typeof proto.CreateResponse>>(
      "create",
      new proto.CreateRequest()
        .setUrn(URN("ExternalGroup"))
        .setType(TYPE("ExternalGroup"))
        .setProperties(toStruct(checked))
        .setPreview(true),
    );
    expect([previewed.getId(), plain(previewed.getProperties())]).toEqual(["", declared]);
    // Values a preview cannot know yet (the engine's unknown marker) go back as they came.
    const unknowns = { ...checked, displayName: UNKNOWN, members: [UNKNOWN, `user:${USER_2}`] };
    const previewedUnknowns = await plugin.call<InstanceType<typeof proto.CreateResponse>>(
      "create",
      new proto.CreateRequest()
        .setUrn(URN("ExternalGroup"))
        .setType(TYPE("ExternalGroup"))
        .setProperties(toStruct(unknowns))
        .setPreview(true),
    );
    expect(plain(previewedUnknowns.getProperties())).toEqual({
      ...declared,
      displayName: UNKNOWN,
      members: [UNKNOWN, { id: USER_2, type: "user" }],
    });
    expect(graphCalls(env.emulator).length).toBe(before);

    const { id, outs } = await create("ExternalGroup", checked);
    expect(outs).toEqual(declared);
    expect([...env.emulator.store.connection("contosohr")!.groups.get("sales")!.members.keys()]).toEqual([USER_1]);
    const diff = await plugin.call<InstanceType<typeof proto.DiffResponse>>(
      "diff",
      diffRequest("ExternalGroup", id, outs, checked, checked),
    );
    expect(diff.getChanges()).toBe(proto.DiffResponse.DiffChanges.DIFF_NONE);

    const more = { ...declared, members: [...declared.members, { id: USER_2, type: "user" }] };
    const moreChecked = plain(
      (await plugin.call<InstanceType<typeof proto.CheckResponse>>("check", checkRequest("ExternalGroup", more, checked))).getInputs(),
    )!;
    // The member this change adds stays as declared, where the CLI prints it from.
    expect(moreChecked.members).toEqual([`user:${USER_1}`, { id: USER_2, type: "user" }]);
    const changed = await plugin.call<InstanceType<typeof proto.DiffResponse>>(
      "diff",
      diffRequest("ExternalGroup", id, outs, moreChecked, checked),
    );
    expect(changed.getDiffsList()).toEqual(["members"]);
    const added = changed.getDetaileddiffMap().get("members[1]")!;
    expect([[...changed.getDetaileddiffMap().keys()], added.getKind(), added.getInputdiff()]).toEqual([
      ["members[1]"],
      proto.PropertyDiff.Kind.ADD,
      false,
    ]);
    const update = (preview: boolean) =>
      plugin.call<InstanceType<typeof proto.UpdateResponse>>(
        "update",
        new proto.UpdateRequest()
          .setUrn(URN("ExternalGroup"))
          .setType(TYPE("ExternalGroup"))
          .setId(id)
          .setOlds(toStruct(outs))
          .setNews(toStruct(moreChecked))
          .setOldInputs(toStruct(checked))
          .setPreview(preview),
      );
    const atRest = graphCalls(env.emulator).length;
    expect(plain((await update(true)).getProperties())).toEqual(more);
    expect(graphCalls(env.emulator).length).toBe(atRest);
    expect(plain((await update(false)).getProperties())).toEqual(more);
    expect([...env.emulator.store.connection("contosohr")!.groups.get("sales")!.members.keys()].sort()).toEqual([USER_1, USER_2].sort());
  });

  test("import reads the inputs back from Graph: checking and diffing them shows no changes", async () => {
    await configure();
    await create("ExternalConnection", CONNECTION);
    await create("ExternalGroup", {
      connectionId: "contosohr",
      groupId: "sales",
      displayName: "Sales",
      members: [{ id: USER_1, type: "user" }],
    });

    for (const [type, id] of [
      ["ExternalConnection", "contosohr"],
      ["ExternalGroup", "contosohr/sales"],
    ]) {
      const imported = await plugin.call<InstanceType<typeof proto.ReadResponse>>("read", readRequest(type, id));
      expect(imported.getId()).toBe(id);
      const inputs = plain(imported.getInputs())!;
      const checked = await plugin.call<InstanceType<typeof proto.CheckResponse>>("check", checkRequest(type, inputs));
      expect(checked.getFailuresList()).toEqual([]);
      const diff = await plugin.call<InstanceType<typeof proto.DiffResponse>>(
        "diff",
        diffRequest(type, id, plain(imported.getProperties())!, plain(checked.getInputs())!, inputs),
      );
      expect([type, diff.getChanges()]).toEqual([type, proto.DiffResponse.DiffChanges.DIFF_NONE]);
    }
    const connection = plain(
      (await plugin.call<InstanceType<typeof proto.ReadResponse>>("read", readRequest("ExternalConnection", "contosohr"))).getInputs(),
    )!;
    expect(connection).toMatchObject({ connectionId: "contosohr", name: "Contoso HR", description: "HR articles" });
    expect((connection.schema as { properties: Array<{ name: string }> }).properties.map((property) => property.name)).toEqual([
      "title",
      "url",
    ]);
    // Graph cannot list members: an imported group declares none.
    const group = plain(
      (await plugin.call<InstanceType<typeof proto.ReadResponse>>("read", readRequest("ExternalGroup", "contosohr/sales"))).getInputs(),
    )!;
    expect(group).toEqual({ connectionId: "contosohr", groupId: "sales", displayName: "Sales" });

    const missing = await plugin.call<InstanceType<typeof proto.ReadResponse>>("read", readRequest("ExternalGroup", "contosohr/nosuch"));
    expect(missing.getId()).toBe("");
    await expect(plugin.call("read", readRequest("ExternalGroupMember", `contosohr/sales/${USER_2}`))).rejects.toThrow(
      /cannot be imported.*members cannot be listed/,
    );
  });

  test("a create that fails after its first request is reported as a partial create with what Graph holds", async () => {
    await configure();
    env.emulator.addFaults({ method: "PATCH", path: "/schema$", status: 400 });
    const error = await create("ExternalConnection", CONNECTION).then(
      () => undefined,
      (failure: { metadata: { get(key: string): Buffer[] } }) => failure,
    );
    const details = error!.metadata.get("grpc-status-details-bin")[0];
    expect(details).toBeDefined();
    // The status carries ErrorResourceInitFailed with the connection's id and outputs.
    const text = Buffer.from(details).toString("latin1");
    expect(text).toContain("pulumirpc.ErrorResourceInitFailed");
    expect(text).toContain("contosohr");
    expect(env.emulator.store.connection("contosohr")).toBeDefined();
  });

  test("no credential reaches the plugin's output", () => {
    expect(plugin.stderr()).not.toContain(EMULATOR_CLIENT_SECRET);
  });
});

describe("Cancel", () => {
  test("ends a schema wait at once; the create reports what Graph holds as a partial result", async () => {
    const own = await startPlugin(pluginEnv());
    try {
      await own.call("configure", configureProviderRequest(tenantConfig()));
      env.emulator.setTimings({ schemaProvisioningMs: 600_000 });
      const creating = own
        .call(
          "create",
          new proto.CreateRequest()
            .setUrn(URN("ExternalConnection"))
            .setType(TYPE("ExternalConnection"))
            .setProperties(toStruct(CONNECTION)),
        )
        .then(
          () => undefined,
          (failure: Error & { metadata: { get(key: string): Buffer[] } }) => failure,
        );
      // Cancel once the connection exists and the schema wait has begun.
      for (let waited = 0; !env.emulator.requestLog().some((line) => line.includes("/operations/")) && waited < 100; waited++)
        await new Promise((resolve) => setTimeout(resolve, 100));
      await own.call("cancel", new empty.Empty());
      const failure = await creating;
      expect(failure?.message).toContain("cancelled: Pulumi asked the provider to stop");
      expect(Buffer.from(failure!.metadata.get("grpc-status-details-bin")[0]).toString("latin1")).toContain(
        "pulumirpc.ErrorResourceInitFailed",
      );
    } finally {
      env.emulator.setTimings({ schemaProvisioningMs: 200 });
      await own.stop();
    }
  });
});

describe("ProfileSourcePriority state written by 0.2.x, through the native provider", () => {
  const entry = (sourceId: string) => profileSourceUrl(env.emulator.url, sourceId);
  const admin = () => adminClient(env.emulator);

  test("Read keeps it, Diff upgrades it in place (no replace), Update moves the entry into the tenant's list, Delete of another takes out only its old entry", async () => {
    await configure();
    const named = async (name: string) =>
      (
        await admin().request("POST", "v1.0", "/admin/people/profilePropertySettings", {
          name,
          prioritizedSourceUrls: [entry("contosohr")],
        })
      ).body as { id: string; prioritizedSourceUrls: string[] };
    const [skills, notes] = [await named("skills"), await named("notes")];
    // What 0.2.x stored: outputs (the schema's, with propertyName) and inputs.
    const stored = (propertyName: string, setting: { id: string; prioritizedSourceUrls: string[] }) => ({
      id: `${propertyName}/contosohr`,
      inputs: { propertyName, sourceId: "contosohr", position: "first" },
      outputs: {
        propertyName,
        sourceId: "contosohr",
        position: "first",
        settingId: setting.id,
        prioritizedSourceUrls: setting.prioritizedSourceUrls,
      },
    });
    const [kept, removed] = [stored("skills", skills), stored("notes", notes)];

    const read = await plugin.call<InstanceType<typeof proto.ReadResponse>>(
      "read",
      readRequest("ProfileSourcePriority", kept.id, kept.outputs, kept.inputs),
    );
    expect([read.getId(), plain(read.getProperties())]).toEqual([kept.id, kept.outputs]);

    const news = plain(
      (
        await plugin.call<InstanceType<typeof proto.CheckResponse>>(
          "check",
          checkRequest("ProfileSourcePriority", { sourceId: "contosohr" }, kept.inputs),
        )
      ).getInputs(),
    )!;
    const diff = await plugin.call<InstanceType<typeof proto.DiffResponse>>(
      "diff",
      diffRequest("ProfileSourcePriority", kept.id, kept.outputs, news, kept.inputs),
    );
    expect([diff.getChanges(), diff.getReplacesList(), diff.getDeletebeforereplace()]).toEqual([
      proto.DiffResponse.DiffChanges.DIFF_SOME,
      [],
      false,
    ]);
    expect(diff.getDetaileddiffMap().get("propertyName")!.getKind()).toBe(proto.PropertyDiff.Kind.DELETE);

    const updated = await plugin.call<InstanceType<typeof proto.UpdateResponse>>(
      "update",
      new proto.UpdateRequest()
        .setUrn(URN("ProfileSourcePriority"))
        .setType(TYPE("ProfileSourcePriority"))
        .setId(kept.id)
        .setOlds(toStruct(kept.outputs))
        .setNews(toStruct(news))
        .setOldInputs(toStruct(kept.inputs)),
    );
    await plugin.call(
      "delete",
      new proto.DeleteRequest()
        .setUrn(URN("ProfileSourcePriority", "notes"))
        .setType(TYPE("ProfileSourcePriority"))
        .setId(removed.id)
        .setProperties(toStruct(removed.outputs)),
    );
    const settings = [...env.emulator.store.profilePropertySettings.values()];
    const precedence = settings.find((setting) => !setting.name)!;
    expect(plain(updated.getProperties())).toEqual({
      sourceId: "contosohr",
      position: "first",
      settingId: precedence.id,
      prioritizedSourceUrls: precedence.prioritizedSourceUrls,
    });
    expect(precedence.prioritizedSourceUrls).toEqual([entry("contosohr"), entry(ENTRA_SOURCE_ID)]);
    expect(settings.filter((setting) => setting.name).map((setting) => [setting.name, setting.prioritizedSourceUrls])).toEqual([
      ["skills", [entry(ENTRA_SOURCE_ID)]],
      ["notes", [entry(ENTRA_SOURCE_ID)]],
    ]);

    await plugin.call(
      "delete",
      new proto.DeleteRequest()
        .setUrn(URN("ProfileSourcePriority"))
        .setType(TYPE("ProfileSourcePriority"))
        .setId(kept.id)
        .setProperties(updated.getProperties()),
    );
    expect(precedence.prioritizedSourceUrls).toEqual([entry(ENTRA_SOURCE_ID)]);
  });

  test("Check refuses people resources when the provider is configured for a US Government cloud, naming the setting", async () => {
    const own = await startPlugin(pluginEnv());
    try {
      await own.call("configure", configureProviderRequest({ ...tenantConfig(), environment: "usgov" }));
      const failures = async (type: string, inputs: object) =>
        (await own.call<InstanceType<typeof proto.CheckResponse>>("check", checkRequest(type, inputs)))
          .getFailuresList()
          .map((failure) => [failure.getProperty(), failure.getReason()]);
      expect(await failures("ProfileSourcePriority", { sourceId: "contosohr" })).toEqual([
        ["graph-connectors:environment", expect.stringContaining("available in the global service only")],
      ]);
      expect(await failures("ProfileSource", { sourceId: "contosohr", displayName: "HR" })).toEqual([
        ["graph-connectors:environment", expect.stringContaining("ProfileSource cannot be used in the 'usgov' cloud")],
      ]);
      expect(await failures("ExternalConnection", CONNECTION)).toEqual([]);
    } finally {
      await own.stop();
    }
  });
});
