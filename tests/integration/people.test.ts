/**
 * People connectors against the emulator: the profile source, and its place in the tenant's source precedence,
 * the list of the ONE profile property setting without a name (profilepropertysetting.md), with every other
 * entry kept exactly, Graph's Entra entry kept, never a second entry for one source nor a second unnamed
 * setting; concurrent writers; 0.2.x state (one resource per profile property) read, diffed, upgraded and
 * deleted; the permission.
 */
import { ClientSecretCredential } from "@azure/identity";
import { EMULATOR_CLIENT_ID, EMULATOR_CLIENT_SECRET, EMULATOR_TENANT_ID, GraphEmulator } from "../../emulator";
import { OWNED_BY_ROLES } from "../../emulator/defaults";
import { ENTRA_SOURCE_ID, profileSourceUrl } from "../../model/people";
import { checkResource } from "../../provider/engine/check";
import { Engine } from "../../provider/engine/engine";
import { ProviderProcess } from "../../provider/engine/providerProcess";
import { ResourceInitError } from "../../provider/resources/contract";
import { profileSourceHandler } from "../../provider/resources/people/profileSource";
import { profileSourcePriorityHandler as priority } from "../../provider/resources/people/profileSourcePriority";
import { ProfileSourcePriorityOutputs } from "../../provider/resources/people/types";
import { adminClient, emulatorCredential, testContext } from "../helpers/harness";

const LIMITED_APP = "9d8e7f6a-5b4c-4d3e-8f2a-1b0c9d8e7f6a";
let afterRequest: (line: string) => void = () => undefined;
const emulator = new GraphEmulator({
  schemaProvisioningMs: 100,
  deletionMs: 100,
  apps: [
    { clientId: EMULATOR_CLIENT_ID, clientSecret: EMULATOR_CLIENT_SECRET },
    { clientId: LIMITED_APP, clientSecret: EMULATOR_CLIENT_SECRET, roles: OWNED_BY_ROLES },
  ],
  onRequest: (entry) => afterRequest(`${entry.method} ${entry.path} ${entry.status}`),
});
beforeAll(async () => {
  await emulator.start();
});
afterAll(async () => {
  await emulator.stop();
});
beforeEach(() => {
  emulator.reset();
  afterRequest = () => undefined;
});

const entry = (sourceId: string, version = "v1.0") => profileSourceUrl(emulator.url, sourceId, version);
const settings = () => [...emulator.store.profilePropertySettings.values()];
const precedence = () => settings().filter((setting) => !setting.name);
const list = () => precedence()[0]?.prioritizedSourceUrls;
const admin = () => adminClient(emulator, emulatorCredential(emulator));
/** The tenant as Microsoft ships it: the unnamed setting with the Entra source only (the precedence guide's first GET). */
const defaultTenant = () =>
  admin().request("POST", "v1.0", "/admin/people/profilePropertySettings", { prioritizedSourceUrls: [entry(ENTRA_SOURCE_ID)] });
/** The checked inputs, as the engine hands them to create and update. */
const inputs = (news: Record<string, unknown>) => checkResource("ProfileSourcePriority", undefined, news).inputs!;

describe("ProfileSource", () => {
  test("registers, updates (Graph answers 200 with the object), reads, imports and removes a people connector as a profile source", async () => {
    const ctx = testContext(emulator);
    const source = { sourceId: "contosohr", displayName: "Contoso HR", kind: "Connector", webUrl: "https://hr.contoso.com" };
    const created = await profileSourceHandler.create(ctx, source);
    expect(created.id).toBe("contosohr");
    expect(created.outs).toMatchObject({ ...source, profileSourceId: expect.any(String) });

    const updated = await profileSourceHandler.update(ctx, "contosohr", created.outs, { ...source, displayName: "Contoso People" });
    expect(updated.outs.displayName).toBe("Contoso People");
    expect(emulator.requestLog(/profileSources/)).toContain("PATCH /v1.0/admin/people/profileSources(sourceId='contosohr') 200");
    expect((await profileSourceHandler.read(ctx, "contosohr", updated.outs)).props?.displayName).toBe("Contoso People");
    expect(await profileSourceHandler.importInputs!(ctx, "contosohr")).toEqual({ ...source, displayName: "Contoso People" });

    await profileSourceHandler.delete(ctx, "contosohr", updated.outs);
    expect(emulator.store.profileSources.size).toBe(0);
    expect((await profileSourceHandler.read(ctx, "contosohr", updated.outs)).id).toBeUndefined();
  });

  test("an app without PeopleSettings.ReadWrite.All gets 403 naming the permission", async () => {
    const ctx = testContext(emulator, {
      credential: new ClientSecretCredential(EMULATOR_TENANT_ID, LIMITED_APP, EMULATOR_CLIENT_SECRET, {
        authorityHost: emulator.url,
        disableInstanceDiscovery: true,
      }),
    });
    await expect(profileSourceHandler.create(ctx, { sourceId: "contosohr", displayName: "Contoso HR" })).rejects.toThrow(
      /PeopleSettings\.ReadWrite\.All/,
    );
  });
});

describe("ProfileSourcePriority: the tenant's one precedence list", () => {
  test("a tenant without the setting gets one, without a name; the next source goes into it, never into a second one", async () => {
    const ctx = testContext(emulator);
    const created = await priority.create(ctx, inputs({ sourceId: "contosohr" }));
    expect(created.id).toBe("contosohr");
    expect(emulator.requestLog(/profilePropertySettings/).filter((line) => line.startsWith("POST"))).toEqual([
      "POST /v1.0/admin/people/profilePropertySettings 201",
    ]);
    expect(precedence()).toHaveLength(1);
    // Graph keeps Entra in the list: it appended it to our create.
    expect(list()).toEqual([entry("contosohr"), entry(ENTRA_SOURCE_ID)]);
    expect(created.outs).toEqual({
      sourceId: "contosohr",
      position: "first",
      settingId: precedence()[0].id,
      prioritizedSourceUrls: list(),
    });

    await priority.create(ctx, inputs({ sourceId: "workday", position: "last" }));
    expect(settings()).toHaveLength(1);
    expect(list()).toEqual([entry("contosohr"), entry("workday"), entry(ENTRA_SOURCE_ID)]);
  });

  test("places the source first, last (before Entra), before or after another, keeping every other entry exactly, named settings untouched", async () => {
    const ctx = testContext(emulator);
    await admin().request("POST", "v1.0", "/admin/people/profilePropertySettings", {
      name: "skills",
      prioritizedSourceUrls: ["https://elsewhere.example/x"],
    });
    await admin().request("POST", "v1.0", "/admin/people/profilePropertySettings", {
      prioritizedSourceUrls: [entry("workday"), "https://elsewhere.example/x", entry(ENTRA_SOURCE_ID)],
    });
    const others = [entry("workday"), "https://elsewhere.example/x"];

    const created = await priority.create(ctx, inputs({ sourceId: "contosohr", position: "last" }));
    expect(list()).toEqual([...others, entry("contosohr"), entry(ENTRA_SOURCE_ID)]);
    const first = await priority.update(ctx, created.id, created.outs, inputs({ sourceId: "contosohr", position: "first" }));
    expect(list()).toEqual([entry("contosohr"), ...others, entry(ENTRA_SOURCE_ID)]);
    const after = await priority.update(ctx, created.id, first.outs, inputs({ sourceId: "contosohr", after: "workday" }));
    expect(list()).toEqual([entry("workday"), entry("contosohr"), "https://elsewhere.example/x", entry(ENTRA_SOURCE_ID)]);
    expect(after.outs).toEqual({ sourceId: "contosohr", after: "workday", settingId: precedence()[0].id, prioritizedSourceUrls: list() });
    // Already ahead of Entra: nothing to write.
    const writes = emulator.requestLog(/PATCH/).length;
    await priority.update(ctx, created.id, after.outs, inputs({ sourceId: "contosohr", before: ENTRA_SOURCE_ID }));
    expect(emulator.requestLog(/PATCH/)).toHaveLength(writes);

    expect(settings().find((setting) => setting.name === "skills")!.prioritizedSourceUrls).toEqual([
      "https://elsewhere.example/x",
      entry(ENTRA_SOURCE_ID),
    ]);
    await priority.delete(ctx, created.id, after.outs);
    expect(list()).toEqual([...others, entry(ENTRA_SOURCE_ID)]);
  });

  test("an entry in the older /external/connections form, or on another host or version, is ours: moved, never doubled, and removed on delete", async () => {
    const ctx = testContext(emulator);
    await admin().request("POST", "v1.0", "/admin/people/profilePropertySettings", {
      prioritizedSourceUrls: [entry("workday"), "/external/connections/contosohr", entry(ENTRA_SOURCE_ID)],
    });
    const created = await priority.create(ctx, inputs({ sourceId: "contosohr" }));
    expect(list()).toEqual(["/external/connections/contosohr", entry("workday"), entry(ENTRA_SOURCE_ID)]);
    precedence()[0].prioritizedSourceUrls = [
      "https://graph.microsoft.com/beta/admin/people/profileSources(sourceId='contosohr')",
      entry("workday"),
    ];
    expect((await priority.read(ctx, created.id, created.outs)).props?.position).toBe("first");
    await priority.delete(ctx, created.id, created.outs);
    expect(list()).toEqual([entry("workday"), entry(ENTRA_SOURCE_ID)]);
  });

  test("a placement against a source the list does not hold fails naming it, and writes nothing", async () => {
    const ctx = testContext(emulator);
    await defaultTenant();
    await expect(priority.create(ctx, inputs({ sourceId: "contosohr", after: "workday" }))).rejects.toThrow(
      "profile source 'contosohr' is to be placed after 'workday', but 'workday' is not in the tenant's precedence list",
    );
    expect(list()).toEqual([entry(ENTRA_SOURCE_ID)]);
  });

  test("refresh reports a source someone else moved or removed, so the next `pulumi up` puts it back; import reads the place back", async () => {
    const ctx = testContext(emulator);
    await defaultTenant();
    await priority.create(ctx, inputs({ sourceId: "workday" }));
    await priority.create(ctx, inputs({ sourceId: "bamboo", position: "last" }));
    const created = await priority.create(ctx, inputs({ sourceId: "contosohr", after: "workday" }));
    expect(await priority.importInputs!(ctx, "contosohr")).toEqual({ sourceId: "contosohr", after: "workday" });
    expect(await priority.importInputs!(ctx, "workday")).toEqual({ sourceId: "workday", position: "first" });
    expect(await priority.importInputs!(ctx, "bamboo")).toEqual({ sourceId: "bamboo", position: "last" });
    expect(await priority.importInputs!(ctx, "nosuch")).toBeUndefined();
    // Listed twice (two forms): read back as it first stands, so the next `pulumi up` keeps one.
    precedence()[0].prioritizedSourceUrls = [
      entry("contosohr"),
      entry("workday"),
      "/external/connections/contosohr",
      entry(ENTRA_SOURCE_ID),
    ];
    expect(await priority.importInputs!(ctx, "contosohr")).toEqual({ sourceId: "contosohr", before: "workday" });
    precedence()[0].prioritizedSourceUrls = [entry("workday"), entry("contosohr"), entry("bamboo"), entry(ENTRA_SOURCE_ID)];

    precedence()[0].prioritizedSourceUrls = [entry("contosohr"), entry("workday"), entry("bamboo"), entry(ENTRA_SOURCE_ID)];
    const moved = await priority.read(ctx, created.id, created.outs);
    expect(moved.props).toMatchObject({ sourceId: "contosohr", after: "workday", position: "elsewhere" });
    expect(priority.diff(created.id, moved.props!, inputs({ sourceId: "contosohr", after: "workday" }))).toEqual({
      changes: true,
      replaces: [],
    });
    await priority.update(ctx, created.id, moved.props!, inputs({ sourceId: "contosohr", after: "workday" }));
    expect(list()).toEqual([entry("workday"), entry("contosohr"), entry("bamboo"), entry(ENTRA_SOURCE_ID)]);

    precedence()[0].prioritizedSourceUrls = [entry("workday"), entry(ENTRA_SOURCE_ID)];
    expect((await priority.read(ctx, created.id, created.outs)).id).toBeUndefined();
  });

  test("another writer editing the list between our writes keeps its entries: the read after our write sees ours displaced and writes again", async () => {
    const ctx = testContext(emulator);
    await defaultTenant();
    const setting = precedence()[0];
    let raced = false;
    afterRequest = (line) => {
      if (!raced && line.startsWith("PATCH /v1.0/admin/people/profilePropertySettings/")) {
        raced = true;
        setting.prioritizedSourceUrls = [entry("workday"), ...setting.prioritizedSourceUrls];
      }
    };
    const created = await priority.create(ctx, inputs({ sourceId: "contosohr", position: "first" }));
    expect(raced).toBe(true);
    expect(list()).toEqual([entry("contosohr"), entry("workday"), entry(ENTRA_SOURCE_ID)]);
    expect(created.outs.prioritizedSourceUrls).toEqual(list());
    expect(emulator.requestLog(/PATCH/)).toHaveLength(2);
  });

  test("another writer creating the unnamed setting between our read and our create: Graph refuses ours, and ours goes into theirs", async () => {
    const ctx = testContext(emulator);
    let raced = false;
    afterRequest = (line) => {
      if (!raced && line === "GET /v1.0/admin/people/profilePropertySettings 200") {
        raced = true;
        emulator.putProfilePropertySetting({ id: "theirs", prioritizedSourceUrls: [entry("workday"), entry(ENTRA_SOURCE_ID)] });
      }
    };
    const created = await priority.create(ctx, inputs({ sourceId: "contosohr", position: "last" }));
    expect(emulator.requestLog(/profilePropertySettings/)).toEqual([
      "GET /v1.0/admin/people/profilePropertySettings 200",
      "POST /v1.0/admin/people/profilePropertySettings 409",
      "GET /v1.0/admin/people/profilePropertySettings 200",
      "GET /v1.0/admin/people/profilePropertySettings 200",
      "PATCH /v1.0/admin/people/profilePropertySettings/theirs 200",
      "GET /v1.0/admin/people/profilePropertySettings 200",
    ]);
    expect(settings()).toHaveLength(1);
    expect(list()).toEqual([entry("workday"), entry("contosohr"), entry(ENTRA_SOURCE_ID)]);
    expect(created.outs.settingId).toBe("theirs");
  });

  test("several sources placed at the same moment in a tenant without the setting all end up in one", async () => {
    const ctx = testContext(emulator);
    await Promise.all(["contosohr", "workday", "bamboo"].map((sourceId) => priority.create(ctx, inputs({ sourceId, position: "last" }))));
    expect(settings()).toHaveLength(1);
    expect(list()).toEqual([entry("contosohr"), entry("workday"), entry("bamboo"), entry(ENTRA_SOURCE_ID)]);
  });

  test("placements of one `pulumi up` through the native plugin, each with its own operation log, still go one at a time", async () => {
    // The native host hands every operation a log of its own, so each gets its own view of the process's context.
    const provider = new ProviderProcess();
    provider.useContext(testContext(emulator));
    const engine = new Engine(provider, "handler");
    const silent = { warn: () => undefined, info: () => undefined, progress: () => undefined };
    await Promise.all(
      ["contosohr", "workday", "bamboo"].map((sourceId) =>
        engine.create("ProfileSourcePriority", inputs({ sourceId, position: "last" }), { log: { ...silent } }),
      ),
    );
    expect(list()).toEqual([entry("contosohr"), entry("workday"), entry("bamboo"), entry(ENTRA_SOURCE_ID)]);
    // One at a time: the first creates the setting, each next one finds it and writes once; no write is refused or redone.
    expect(emulator.requestLog(/POST|PATCH/)).toEqual([
      "POST /v1.0/admin/people/profilePropertySettings 201",
      "PATCH /v1.0/admin/people/profilePropertySettings/" + precedence()[0].id + " 200",
      "PATCH /v1.0/admin/people/profilePropertySettings/" + precedence()[0].id + " 200",
    ]);
  });

  test("a tenant with two unnamed settings (Graph allows one) is not guessed at", async () => {
    const ctx = testContext(emulator);
    for (const id of ["one", "two"]) emulator.putProfilePropertySetting({ id, prioritizedSourceUrls: [] });
    await expect(priority.create(ctx, inputs({ sourceId: "contosohr" }))).rejects.toThrow(
      "the tenant has 2 profile property settings without a name (one, two)",
    );
  });

  test("a placement whose answer was lost is recorded half done: delete takes the entry out again, or the next update finds it placed", async () => {
    const ctx = testContext(emulator);
    await defaultTenant();
    emulator.addFaults({ method: "PATCH", path: "/profilePropertySettings/", status: 500, afterHandling: true });
    const error = await priority.create(ctx, inputs({ sourceId: "contosohr" })).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ResourceInitError);
    expect(error).toMatchObject({ id: "contosohr", properties: { sourceId: "contosohr", position: "first" } });
    expect(list()).toEqual([entry("contosohr"), entry(ENTRA_SOURCE_ID)]);

    const half = (error as ResourceInitError).properties as ProfileSourcePriorityOutputs;
    const finished = await priority.update(ctx, "contosohr", half, inputs({ sourceId: "contosohr" }));
    expect(finished.outs).toMatchObject({ sourceId: "contosohr", prioritizedSourceUrls: [entry("contosohr"), entry(ENTRA_SOURCE_ID)] });
    await priority.delete(ctx, "contosohr", half);
    expect(list()).toEqual([entry(ENTRA_SOURCE_ID)]);
  });

  test("a placement Graph refused is a plain failure: nothing to record", async () => {
    emulator.addFaults({ method: "POST", path: "/profilePropertySettings$", status: 400 });
    const error = await priority.create(testContext(emulator), inputs({ sourceId: "contosohr" })).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).not.toBeInstanceOf(ResourceInitError);
    expect(error).toMatchObject({ status: 400 });
  });
});

describe("ProfileSourcePriority state written by 0.2.x (one resource per profile property)", () => {
  /** What 0.2.x made: settings named after profile properties holding our entry, and resources `<propertyName>/<sourceId>`. */
  async function legacy(
    propertyNames: string[],
  ): Promise<Array<{ id: string; props: ProfileSourcePriorityOutputs & { propertyName: string } }>> {
    const made = [];
    for (const propertyName of propertyNames) {
      const others = propertyName === "skills" ? [entry("workday")] : [];
      const setting = (
        await admin().request("POST", "v1.0", "/admin/people/profilePropertySettings", {
          name: propertyName,
          prioritizedSourceUrls: [entry("contosohr"), ...others],
        })
      ).body as { id: string; prioritizedSourceUrls: string[] };
      made.push({
        id: `${propertyName}/contosohr`,
        props: {
          propertyName,
          sourceId: "contosohr",
          position: "first",
          settingId: setting.id,
          prioritizedSourceUrls: setting.prioritizedSourceUrls,
        },
      });
    }
    return made;
  }
  const named = (name: string) => settings().find((setting) => setting.name === name)!.prioritizedSourceUrls;

  test("refresh keeps the 0.2.x state while its entry exists, and drops it when the entry is gone", async () => {
    const ctx = testContext(emulator);
    const [skills] = await legacy(["skills"]);
    expect(await priority.read(ctx, skills.id, skills.props)).toEqual({ id: skills.id, props: skills.props });
    settings()[0].prioritizedSourceUrls = [entry("workday")];
    expect((await priority.read(ctx, skills.id, skills.props)).id).toBeUndefined();
  });

  test("two resources of one source: the kept one upgrades into the one entry, the removed one takes out only its old entry", async () => {
    const ctx = testContext(emulator);
    await defaultTenant();
    const [skills, notes] = await legacy(["skills", "notes"]);
    const news = inputs({ sourceId: "contosohr" });
    expect(priority.diff(skills.id, skills.props, news)).toMatchObject({ changes: true, replaces: [] });

    // One `pulumi up` of a program that keeps one ProfileSourcePriority without propertyName: the kept one is updated, the other deleted.
    const upgraded = await priority.update(ctx, skills.id, skills.props, news);
    await priority.delete(ctx, notes.id, notes.props);
    expect(list()).toEqual([entry("contosohr"), entry(ENTRA_SOURCE_ID)]);
    expect(named("skills")).toEqual([entry("workday"), entry(ENTRA_SOURCE_ID)]);
    expect(named("notes")).toEqual([entry(ENTRA_SOURCE_ID)]);
    expect(upgraded.outs).toEqual({
      sourceId: "contosohr",
      position: "first",
      settingId: precedence()[0].id,
      prioritizedSourceUrls: list(),
    });
    expect(upgraded.outs).not.toHaveProperty("propertyName");

    // Upgraded state: a no-op preview, a refresh that finds it, and the delete that takes the entry out.
    expect(priority.diff(skills.id, upgraded.outs, news)).toEqual({ changes: false, replaces: [] });
    expect((await priority.read(ctx, skills.id, upgraded.outs)).props).toEqual(upgraded.outs);
    await priority.delete(ctx, skills.id, upgraded.outs);
    expect(list()).toEqual([entry(ENTRA_SOURCE_ID)]);
  });

  test("a program left as it was (both with propertyName) upgrades both into the one entry; destroying them removes it", async () => {
    const ctx = testContext(emulator);
    const [skills, notes] = await legacy(["skills", "notes"]);
    const outs = [];
    for (const resource of [skills, notes]) {
      outs.push(
        (
          await priority.update(
            ctx,
            resource.id,
            resource.props,
            inputs({ sourceId: "contosohr", position: "first", propertyName: resource.props.propertyName }),
          )
        ).outs,
      );
    }
    expect(precedence()).toHaveLength(1);
    expect(list()).toEqual([entry("contosohr"), entry(ENTRA_SOURCE_ID)]);
    expect(named("skills")).not.toContain(entry("contosohr"));
    expect(named("notes")).not.toContain(entry("contosohr"));
    await priority.delete(ctx, skills.id, outs[0]);
    await priority.delete(ctx, notes.id, outs[1]);
    expect(list()).toEqual([entry(ENTRA_SOURCE_ID)]);
  });

  test("destroying 0.2.x state leaves the precedence list alone (it never placed anything there) and empties only its named settings", async () => {
    const ctx = testContext(emulator);
    await admin().request("POST", "v1.0", "/admin/people/profilePropertySettings", { prioritizedSourceUrls: [entry("contosohr")] });
    const [skills] = await legacy(["skills"]);
    await priority.delete(ctx, skills.id, skills.props);
    expect(named("skills")).toEqual([entry("workday"), entry(ENTRA_SOURCE_ID)]);
    expect(list()).toEqual([entry("contosohr"), entry(ENTRA_SOURCE_ID)]);
    // Its named setting already gone: nothing to do.
    emulator.removeProfilePropertySettings([skills.props.settingId]);
    await priority.delete(ctx, skills.id, skills.props);
  });

  test("an upgrade that fails takes nothing from profiles: before the old entry is out the state stays 0.2.x; after, it is recorded in today's form", async () => {
    const ctx = testContext(emulator);
    await defaultTenant();
    const [skills] = await legacy(["skills"]);
    const news = inputs({ sourceId: "contosohr" });
    const precedenceId = precedence()[0].id;

    // Graph refuses the write to the named setting: nothing placed, the 0.2.x state stands (plain failure).
    emulator.addFaults({ method: "PATCH", path: `/profilePropertySettings/${skills.props.settingId}$`, status: 409 });
    const first = await priority.update(ctx, skills.id, skills.props, news).catch((error: Error) => error);
    expect(first).toMatchObject({ name: "GraphError" });
    expect(list()).toEqual([entry(ENTRA_SOURCE_ID)]);
    expect(named("skills")).toContain(entry("contosohr"));

    // The old entry is out, then the placement fails: a partial result in today's form, which a destroy cleans up.
    emulator.addFaults({ method: "PATCH", path: `/profilePropertySettings/${precedenceId}$`, status: 500, afterHandling: true, times: 10 });
    const second = await priority.update(ctx, skills.id, skills.props, news).catch((error: Error & { properties?: object }) => error);
    expect(second).toMatchObject({
      name: "ResourceInitError",
      properties: { sourceId: "contosohr", position: "first", settingId: "", prioritizedSourceUrls: [] },
    });
    expect(named("skills")).not.toContain(entry("contosohr"));
    const recorded = (second as unknown as { properties: ProfileSourcePriorityOutputs }).properties;
    emulator.clearFaults();
    expect((await priority.read(ctx, skills.id, recorded)).props).toMatchObject({
      sourceId: "contosohr",
      position: "first",
      settingId: precedenceId,
    });
    await priority.delete(ctx, skills.id, recorded);
    expect(list()).toEqual([entry(ENTRA_SOURCE_ID)]);
  });

  test("a 0.2.x id imports as its source", async () => {
    const ctx = testContext(emulator);
    await priority.create(ctx, inputs({ sourceId: "contosohr" }));
    expect(await priority.importInputs!(ctx, "skills/contosohr")).toEqual({ sourceId: "contosohr", position: "first" });
  });
});
