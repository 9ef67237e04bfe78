/**
 * The emulator's people settings against the docs, both ways: each documented example request, verbatim (only
 * the host is the emulator's), gets the documented status and answer; what the docs or the metadata rule out is
 * refused. Pages (microsoftgraph/microsoft-graph-docs-contrib, read 2026-12): v1.0
 * peopleadminsettings-post-profilesources.md, profilesource-update.md (2026-02-10),
 * peopleadminsettings-post-profilepropertysettings.md, profilepropertysetting-update.md (2026-03-16); beta
 * peopleadminsettings-post-profilepropertysettings.md (2025-05-02); concepts/profilesource-configure-settings.md,
 * concepts/profilepriority-configure-profilepropertysetting.md; and the people-data page's example schema.
 */
import { ENTRA_SOURCE_ID, isEntraEntry, profileSourceUrl } from "../../model/people";
import { GraphError } from "../../provider/graph/errors";
import { adminClient, useEmulator } from "../helpers/harness";

const env = useEmulator({ schemaProvisioningMs: 100, deletionMs: 100 });
const graph = () => adminClient(env.emulator);

async function answer(promise: Promise<{ status: number; body: unknown }>): Promise<{ status: number; body: unknown }> {
  try {
    const response = await promise;
    return { status: response.status, body: response.body };
  } catch (error) {
    return { status: (error as GraphError).status, body: (error as GraphError).code };
  }
}

/** A docs request line `METHOD https://graph.microsoft.com/<version><path>` sent to the emulator. */
function send(line: string, body?: unknown) {
  const [, method, version, path] = /^(GET|POST|PATCH|DELETE) https:\/\/graph\.microsoft\.com\/(v1\.0|beta)(\/.*)$/.exec(line)!;
  return answer(graph().request(method as "GET", version as "v1.0", path, body));
}

describe("profile sources, as the API pages document them", () => {
  test("v1.0 create (201 with the object), update (200 with the updated object, sourceId and @odata.type in the body), get, delete (204)", async () => {
    const created = await send("POST https://graph.microsoft.com/v1.0/admin/people/profileSources", {
      sourceId: "bamboohr1",
      displayName: "HR Platform",
      kind: "BambooHR",
      webUrl: "https://bamboohr.contoso.com/login",
      localizations: [
        {
          displayName: "HR-Plattform",
          webUrl: "http://bamboohr.contoso.com/de/login",
          languageTag: "de",
        },
      ],
    });
    expect(created).toEqual({
      status: 201,
      body: expect.objectContaining({ sourceId: "bamboohr1", kind: "BambooHR", webUrl: "https://bamboohr.contoso.com/login" }),
    });

    const updated = await send("PATCH https://graph.microsoft.com/v1.0/admin/people/profileSources(sourceId='bamboohr1')", {
      "@odata.type": "#microsoft.graph.profileSource",
      sourceId: "bamboohr1",
      kind: "BambooHR",
      displayName: "BambooHR Updated",
      webUrl: "https://bamboohr.contoso.com/login",
      localizations: [
        {
          displayName: "HR-Platform",
          webUrl: "http://bamboohr.contoso.com/en-us/login",
          languageTag: "en-us",
        },
        {
          displayName: "HR-Plattform",
          webUrl: "http://bamboohr.contoso.com/de/login",
          languageTag: "de",
        },
      ],
    });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({
      id: (created.body as { id: string }).id,
      sourceId: "bamboohr1",
      displayName: "BambooHR Updated",
      localizations: [expect.objectContaining({ languageTag: "en-us" }), expect.objectContaining({ languageTag: "de" })],
    });
    expect((await send("GET https://graph.microsoft.com/v1.0/admin/people/profileSources(sourceId='bamboohr1')")).body).toMatchObject({
      displayName: "BambooHR Updated",
    });
    expect((await send("DELETE https://graph.microsoft.com/v1.0/admin/people/profileSources(sourceId='bamboohr1')")).status).toBe(204);
  });

  test("beta, as the profile source guide does it: list, create (201), update (200), delete (204)", async () => {
    expect((await send("GET https://graph.microsoft.com/beta/admin/people/profileSources")).status).toBe(200);
    const body = {
      sourceId: "bamboohr1",
      displayName: "HR Platform",
      kind: "BambooHR",
      webUrl: "https://bamboohr.contoso.com/login",
      localizations: [{ displayName: "HR-Plattform", webUrl: "http://bamboohr.contoso.com/de/login", languageTag: "de" }],
    };
    expect((await send("POST https://graph.microsoft.com/beta/admin/people/profileSources", body)).status).toBe(201);
    const updated = await send("PATCH https://graph.microsoft.com/beta/admin/people/profileSources(sourceId='bamboohr1')", {
      displayName: "BambooHR Updated",
      localizations: [
        { displayName: "HR-Platform", webUrl: "http://bamboohr.contoso.com/en-us/login", languageTag: "en-us" },
        { displayName: "HR-Plattform", webUrl: "http://bamboohr.contoso.com/de/login", languageTag: "de" },
      ],
    });
    expect(updated).toEqual({ status: 200, body: expect.objectContaining({ displayName: "BambooHR Updated", kind: "BambooHR" }) });
    expect((await send("DELETE https://graph.microsoft.com/beta/admin/people/profileSources(sourceId='bamboohr1')")).status).toBe(204);
  });

  test('refuses a change of sourceId ("The sourceId property isn\'t updateable") and a property the type does not have', async () => {
    await send("POST https://graph.microsoft.com/v1.0/admin/people/profileSources", { sourceId: "bamboohr1", displayName: "HR" });
    expect(
      await send("PATCH https://graph.microsoft.com/v1.0/admin/people/profileSources(sourceId='bamboohr1')", { sourceId: "bamboohr2" }),
    ).toEqual({ status: 400, body: "InvalidRequest" });
    expect(
      (await send("PATCH https://graph.microsoft.com/v1.0/admin/people/profileSources(sourceId='bamboohr1')", { priority: 1 })).status,
    ).toBe(400);
    expect(env.emulator.store.profileSources.get("bamboohr1")).toMatchObject({ sourceId: "bamboohr1", displayName: "HR" });
  });
});

describe("profile property settings, as the API pages document them", () => {
  const entra = (version: string) =>
    profileSourceUrl("https://graph.microsoft.com", ENTRA_SOURCE_ID, version).replace("https://graph.microsoft.com", env.emulator.url);

  test("v1.0 create (201) and update (200 with the object): Graph keeps the Entra source, appended when the write leaves it out", async () => {
    const created = await send("POST https://graph.microsoft.com/v1.0/admin/people/profilePropertySettings", {
      "@odata.type": "#microsoft.graph.profilePropertySetting",
      displayName: "Profile priority config",
      name: "Profile priority config",
      prioritizedSourceUrls: ["https://graph.microsoft.com/v1.0/admin/people/profileSources(sourceId='contosohr1')"],
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      name: "Profile priority config",
      prioritizedSourceUrls: ["https://graph.microsoft.com/v1.0/admin/people/profileSources(sourceId='contosohr1')", entra("v1.0")],
    });
    const id = (created.body as { id: string }).id;
    // The page's sample id is the created setting's.
    const updated = await send(`PATCH https://graph.microsoft.com/v1.0/admin/people/profilePropertySettings/${id}`, {
      "@odata.type": "#microsoft.graph.profilePropertySetting",
      prioritizedSourceUrls: [
        "https://graph.microsoft.com/v1.0/admin/people/profileSources(sourceId='contosohr1')",
        "https://graph.microsoft.com/v1.0/admin/people/profileSources(sourceId='contosohr2')",
      ],
    });
    expect(updated).toEqual({
      status: 200,
      body: expect.objectContaining({
        id,
        name: "Profile priority config",
        prioritizedSourceUrls: [
          "https://graph.microsoft.com/v1.0/admin/people/profileSources(sourceId='contosohr1')",
          "https://graph.microsoft.com/v1.0/admin/people/profileSources(sourceId='contosohr2')",
          entra("v1.0"),
        ],
      }),
    });
    expect((await send("GET https://graph.microsoft.com/v1.0/admin/people/profilePropertySettings")).body).toMatchObject({
      value: [expect.objectContaining({ id })],
    });
  });

  test("beta create without a name (201), get (200)", async () => {
    const created = await send("POST https://graph.microsoft.com/beta/admin/people/profilePropertySettings", {
      "@odata.type": "#microsoft.graph.profilePropertySetting",
      prioritizedSourceUrls: ["https://graph.microsoft.com/beta/admin/people/profileSources(sourceId='contosohr1')"],
    });
    expect(created).toEqual({
      status: 201,
      body: expect.objectContaining({
        name: null,
        prioritizedSourceUrls: ["https://graph.microsoft.com/beta/admin/people/profileSources(sourceId='contosohr1')", entra("beta")],
      }),
    });
    const id = (created.body as { id: string }).id;
    expect(await send(`GET https://graph.microsoft.com/beta/admin/people/profilePropertySettings/${id}`)).toEqual({
      status: 200,
      body: expect.objectContaining({ id }),
    });
  });

  test("the precedence guide's requests: create (201), update (200), delete (204), with entries in the /external/connections form", async () => {
    const created = await send("POST https://graph.microsoft.com/beta/admin/people/profilePropertySettings", {
      prioritizedSourceUrls: ["/external/connections/contosohr1"],
    });
    expect(created.status).toBe(201);
    expect((created.body as { prioritizedSourceUrls: string[] }).prioritizedSourceUrls).toEqual([
      "/external/connections/contosohr1",
      expect.any(String),
    ]);
    expect(isEntraEntry((created.body as { prioritizedSourceUrls: string[] }).prioritizedSourceUrls[1])).toBe(true);
    const id = (created.body as { id: string }).id;
    const updated = await send(`PATCH https://graph.microsoft.com/beta/admin/people/profilePropertySettings/${id}`, {
      prioritizedSourceUrls: ["/external/connections/contosohr2", "/external/connections/contosohr1"],
    });
    expect(updated).toEqual({
      status: 200,
      body: expect.objectContaining({
        prioritizedSourceUrls: ["/external/connections/contosohr2", "/external/connections/contosohr1", entra("beta")],
      }),
    });
    // The guide's 2026-06-08 version: "A Delete operation is supported only after the setting was patched to this
    // default state, and it fails unless the prioritizedSourceUrls property contains only the Entra ID source reference."
    expect(await send(`DELETE https://graph.microsoft.com/beta/admin/people/profilePropertySettings/${id}`)).toEqual({
      status: 400,
      body: "InvalidRequest",
    });
    expect(
      (
        await send(`PATCH https://graph.microsoft.com/beta/admin/people/profilePropertySettings/${id}`, {
          prioritizedSourceUrls: [entra("beta")],
        })
      ).status,
    ).toBe(200);
    expect((await send(`DELETE https://graph.microsoft.com/beta/admin/people/profilePropertySettings/${id}`)).status).toBe(204);
    expect(env.emulator.store.profilePropertySettings.size).toBe(0);
  });

  test('refuses a second setting without a name ("Only one configuration without a name is allowed per collection"; 409 is a guess: the docs name no status)', async () => {
    const first = await send("POST https://graph.microsoft.com/v1.0/admin/people/profilePropertySettings", {
      prioritizedSourceUrls: ["/external/connections/a"],
    });
    expect(first.status).toBe(201);
    expect(
      await send("POST https://graph.microsoft.com/v1.0/admin/people/profilePropertySettings", {
        prioritizedSourceUrls: ["/external/connections/b"],
      }),
    ).toEqual({ status: 409, body: "nameAlreadyExists" });
    expect(
      await send("POST https://graph.microsoft.com/beta/admin/people/profilePropertySettings", { name: "", prioritizedSourceUrls: [] }),
    ).toEqual({ status: 409, body: "nameAlreadyExists" });
    // Named settings are not limited; one of them cannot lose its name while the unnamed one exists.
    const named = await send("POST https://graph.microsoft.com/v1.0/admin/people/profilePropertySettings", {
      name: "skills",
      prioritizedSourceUrls: [],
    });
    expect(named.status).toBe(201);
    expect(
      (
        await send(`PATCH https://graph.microsoft.com/v1.0/admin/people/profilePropertySettings/${(named.body as { id: string }).id}`, {
          name: null,
        })
      ).status,
    ).toBe(409);
    expect([...env.emulator.store.profilePropertySettings.values()].map((setting) => setting.name ?? null).sort()).toEqual([
      null,
      "skills",
    ]);
  });

  test("refuses a create without prioritizedSourceUrls (Required) and properties the metadata does not declare", async () => {
    expect((await send("POST https://graph.microsoft.com/v1.0/admin/people/profilePropertySettings", { displayName: "x" })).status).toBe(
      400,
    );
    // The beta update page's placeholder body names allowedAudiences and isUserOverrideForAudienceEnabled; the
    // beta metadata (2026-08) has neither, so Graph's OData layer refuses them.
    expect(
      (
        await send("POST https://graph.microsoft.com/beta/admin/people/profilePropertySettings", {
          allowedAudiences: "organization",
          prioritizedSourceUrls: [],
        })
      ).status,
    ).toBe(400);
    expect(env.emulator.store.profilePropertySettings.size).toBe(0);
  });
});

describe("a people connector's schema (build-connectors-with-people-data)", () => {
  async function connection(id: string, contentCategory?: string): Promise<void> {
    await graph().request("POST", "v1.0", "/external/connections", { id, name: id, ...(contentCategory ? { contentCategory } : {}) });
  }
  const schema = (id: string, body: unknown) =>
    answer(
      graph().request("PATCH", "v1.0", `/external/connections/${id}/schema`, body, { headers: { prefer: "include-unknown-enum-members" } }),
    );
  const EXAMPLE = {
    baseType: "microsoft.graph.externalItem",
    properties: [
      { name: "accountInformation", type: "string", labels: ["personAccount"] },
      { name: "position", type: "string", labels: ["personCurrentPosition"] },
      { name: "skills", type: "stringCollection", labels: ["personSkills"] },
      { name: "requisitionId", type: "string", description: "The user's requisition ID" },
    ],
  };

  test("the page's example schema registers on a people connection (202), though no labelled property is retrievable", async () => {
    await connection("contosohrpeople", "people");
    expect((await schema("contosohrpeople", EXAMPLE)).status).toBe(202);
  });

  test("refuses the labels and types the page says aren't supported, and outside people the unretrievable labelled property", async () => {
    await connection("peoplea", "people");
    const withProperty = (property: Record<string, unknown>) => ({ ...EXAMPLE, properties: [...EXAMPLE.properties, property] });
    expect(await schema("peoplea", withProperty({ name: "manager", type: "string", labels: ["personManager"] }))).toEqual({
      status: 400,
      body: "InvalidRequest",
    });
    expect(await schema("peoplea", withProperty({ name: "mentor", type: "principal" }))).toEqual({ status: 400, body: "InvalidRequest" });
    await connection("wikia");
    expect(await schema("wikia", EXAMPLE)).toEqual({ status: 400, body: "InvalidRequest" });
  });
});
