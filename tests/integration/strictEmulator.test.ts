/**
 * The emulator refuses what Graph refuses (issue 7, section 4): closed types per API version, evolvable enum
 * members without the Prefer header, missing application permissions (tokens: tokenAudience.test.ts); and it answers
 * the way Graph does ($batch inner headers, @odata.context, evolvable members masked).
 */
import { ClientSecretCredential } from "@azure/identity";
import { EMULATOR_CLIENT_ID, EMULATOR_TENANT_ID } from "../../emulator";
import { DEFAULT_APPS } from "../../emulator/defaults";
import { GraphClient } from "../../provider/graph/client";
import { GraphError } from "../../provider/graph/errors";
import { externalGroupHandler } from "../../provider/resources/externalGroup/handler";
import { adminClient, testContext, useEmulator } from "../helpers/harness";

const READER = {
  clientId: "1d2e3f4a-5b6c-4d7e-8f90-a1b2c3d4e5f6",
  clientSecret: "reader-app-local-secret-789",
  roles: ["ExternalConnection.Read.All"],
};
const CONNECTIONS_ONLY = {
  clientId: "2e3f4a5b-6c7d-4e8f-9a01-b2c3d4e5f6a7",
  clientSecret: "conn-app-local-secret-012",
  roles: ["ExternalConnection.ReadWrite.OwnedBy"],
};
const env = useEmulator({ apps: [...DEFAULT_APPS, READER, CONNECTIONS_ONLY] });

const PREFER = { prefer: "include-unknown-enum-members" };
const failed = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: GraphError) => error,
  );

function clientFor(app: { clientId: string; clientSecret: string }): GraphClient {
  return adminClient(
    env.emulator,
    new ClientSecretCredential(EMULATOR_TENANT_ID, app.clientId, app.clientSecret, {
      authorityHost: env.emulator.url,
      disableInstanceDiscovery: true,
    }),
  );
}

async function withConnection(graph = adminClient(env.emulator)): Promise<GraphClient> {
  await graph.request("POST", "v1.0", "/external/connections", { id: "strict", name: "Strict" });
  return graph;
}

describe("closed types per API version", () => {
  test("a property the type does not declare is refused with Graph's DeserializationError shape", async () => {
    const error = await failed(
      adminClient(env.emulator).request("POST", "v1.0", "/external/connections", { id: "strict", name: "S", foo: 1 }),
    );
    expect(error).toMatchObject({ status: 400, code: "InvalidRequest" });
    expect((error as GraphError).response.body).toMatchObject({
      error: {
        code: "InvalidRequest",
        message: "The request is malformed or incorrect.",
        innerError: {
          code: "DeserializationError",
          message:
            "The property 'foo' does not exist on type 'microsoft.graph.externalConnectors.externalConnection'. Make sure to only use property names that are defined by the type or mark the type as open type.",
        },
      },
    });
    // The provider's error shows the inner detail, which names the property.
    expect((error as GraphError).message).toContain("The property 'foo' does not exist");
  });

  test("isExactMatchRequired and rankingHint exist on property in beta only", async () => {
    const graph = await withConnection();
    const property = { name: "code", type: "string", isRetrievable: true, isExactMatchRequired: false };
    const v1 = await failed(
      graph.request("PATCH", "v1.0", "/external/connections/strict/schema", {
        baseType: "microsoft.graph.externalItem",
        properties: [property],
      }),
    );
    expect(v1).toMatchObject({
      status: 400,
      message: expect.stringContaining(
        "The property 'isExactMatchRequired' does not exist on type 'microsoft.graph.externalConnectors.property'",
      ),
    });
    const betaBody = { baseType: "microsoft.graph.externalItem", properties: [{ ...property, rankingHint: { importanceScore: "high" } }] };
    expect((await graph.request("PATCH", "beta", "/external/connections/strict/schema", betaBody)).status).toBe(202);
  });

  test("beta-only connection properties are refused by v1.0; @odata.type must name the type or a derived one", async () => {
    const graph = adminClient(env.emulator);
    expect(
      await failed(
        graph.request("POST", "v1.0", "/external/connections", { id: "strict", name: "S", enabledContentExperiences: "search" }),
      ),
    ).toMatchObject({ status: 400 });
    const resolver = (type: string) => ({
      id: "strict",
      name: "S",
      activitySettings: { urlToItemResolvers: [{ "@odata.type": type, itemId: "{id}" }] },
    });
    expect(
      await failed(graph.request("POST", "v1.0", "/external/connections", resolver("#microsoft.graph.externalConnectors.urlMatchInfo"))),
    ).toMatchObject({ status: 400, message: expect.stringContaining("could not be resolved by the model") });
    // A resolver without priority or urlMatchInfo is valid: both are nullable in the metadata.
    expect(
      (await graph.request("POST", "v1.0", "/external/connections", resolver("#microsoft.graph.externalConnectors.itemIdResolver"))).status,
    ).toBe(201);
  });

  test("null where the metadata says Nullable=false, and values of the wrong JSON type, are refused", async () => {
    const graph = await withConnection();
    const schema = (property: Record<string, unknown>) => ({
      baseType: "microsoft.graph.externalItem",
      properties: [{ name: "title", type: "string", ...property }],
    });
    expect(await failed(graph.request("PATCH", "v1.0", "/external/connections/strict/schema", schema({ type: null })))).toMatchObject({
      status: 400,
      message: expect.stringContaining("properties[0].type cannot be null"),
    });
    expect(
      await failed(graph.request("PATCH", "v1.0", "/external/connections/strict/schema", schema({ isSearchable: "yes" }))),
    ).toMatchObject({ status: 400, message: expect.stringContaining("must be a boolean") });
    expect(
      await failed(graph.request("PATCH", "v1.0", "/external/connections/strict/schema", schema({ labels: ["heading"] }))),
    ).toMatchObject({
      status: 400,
      message: expect.stringContaining(
        "Cannot convert the literal 'heading' to the expected type 'microsoft.graph.externalConnectors.label'",
      ),
    });
  });
});

describe("evolvable enums", () => {
  const principalSchema = {
    baseType: "microsoft.graph.externalItem",
    properties: [
      { name: "title", type: "string", isSearchable: true, isRetrievable: true, labels: ["title"] },
      { name: "icon", type: "string", isRetrievable: true, labels: ["iconUrl"] },
      { name: "owner", type: "principal", isRetrievable: true },
    ],
  };

  test("a write using members after unknownFutureValue is refused without Prefer: include-unknown-enum-members", async () => {
    const graph = await withConnection();
    expect(await failed(graph.request("PATCH", "v1.0", "/external/connections/strict/schema", principalSchema))).toMatchObject({
      status: 400,
      message: expect.stringContaining("'iconUrl' of microsoft.graph.externalConnectors.label is an evolvable enum member"),
    });
    expect((await graph.request("PATCH", "v1.0", "/external/connections/strict/schema", principalSchema, { headers: PREFER })).status).toBe(
      202,
    );
  });

  test("reads mask them as unknownFutureValue unless the request asks for them", async () => {
    const graph = await withConnection();
    await graph.request("PATCH", "v1.0", "/external/connections/strict/schema", principalSchema, { headers: PREFER });
    const masked = (await graph.request("GET", "v1.0", "/external/connections/strict/schema")).body as {
      properties: Array<{ type: string; labels: string[] }>;
    };
    expect(masked.properties.map((property) => [property.type, property.labels])).toEqual([
      ["string", ["title"]],
      ["string", ["unknownFutureValue"]],
      ["unknownFutureValue", []],
    ]);
    const full = await graph.request("GET", "v1.0", "/external/connections/strict/schema", undefined, { headers: PREFER });
    expect((full.body as typeof masked).properties.map((property) => [property.type, property.labels])).toEqual([
      ["string", ["title"]],
      ["string", ["iconUrl"]],
      ["principal", []],
    ]);
    expect(full.headers["preference-applied"]).toBe("include-unknown-enum-members");
    expect(full.body).toMatchObject({
      "@odata.context": `${env.emulator.url}/v1.0/$metadata#external/connections('strict')/schema/$entity`,
    });
  });
});

describe("application permissions from the token's roles", () => {
  test("ExternalConnection.Read.All reads but cannot write; ExternalConnection.* cannot manage groups", async () => {
    await withConnection(adminClient(env.emulator));
    await adminClient(env.emulator).request("PATCH", "v1.0", "/external/connections/strict", {
      configuration: { authorizedAppIds: [EMULATOR_CLIENT_ID, CONNECTIONS_ONLY.clientId] },
    });
    const reader = clientFor(READER);
    expect((await reader.request("GET", "v1.0", "/external/connections/strict")).status).toBe(200);
    const write = await failed(reader.request("PATCH", "v1.0", "/external/connections/strict", { name: "x" }));
    expect(write).toMatchObject({ status: 403 });
    expect((write as GraphError).message).toContain("needs the Microsoft Graph permission ExternalConnection.ReadWrite.OwnedBy");
    const group = await failed(clientFor(CONNECTIONS_ONLY).request("POST", "v1.0", "/external/connections/strict/groups", { id: "g1" }));
    expect(group).toMatchObject({
      status: 403,
      message: expect.stringContaining("Requires one of: ExternalItem.ReadWrite.OwnedBy, ExternalItem.ReadWrite.All"),
    });
  });

  test("the provider's error names the permission a group operation needs", async () => {
    await withConnection();
    await adminClient(env.emulator).request("PATCH", "v1.0", "/external/connections/strict", {
      configuration: { authorizedAppIds: [EMULATOR_CLIENT_ID, CONNECTIONS_ONLY.clientId] },
    });
    const ctx = testContext(env.emulator, {
      credential: new ClientSecretCredential(EMULATOR_TENANT_ID, CONNECTIONS_ONLY.clientId, CONNECTIONS_ONLY.clientSecret, {
        authorityHost: env.emulator.url,
        disableInstanceDiscovery: true,
      }),
    });
    await expect(externalGroupHandler.create(ctx, { connectionId: "strict", groupId: "readers" })).rejects.toThrow(
      "POST on groups and members needs the Microsoft Graph permission ExternalItem.ReadWrite.OwnedBy (or ExternalItem.ReadWrite.All), granted with admin consent",
    );
  });
});

test("$batch inner responses carry Content-Type in Graph's casing, and bodies carry @odata.context", async () => {
  const graph = await withConnection();
  const answer = await graph.request("POST", "v1.0", "/$batch", {
    requests: [
      {
        id: "1",
        method: "POST",
        url: "/external/connections/strict/groups",
        headers: { "Content-Type": "application/json" },
        body: { id: "g1" },
      },
      { id: "2", method: "DELETE", url: "/external/connections/strict/groups/g1" },
    ],
  });
  const [created, deleted] = (answer.body as { responses: Array<{ status: number; headers: Record<string, string>; body?: unknown }> })
    .responses;
  expect(created).toMatchObject({
    status: 201,
    headers: { "Content-Type": "application/json; charset=utf-8" },
    body: { "@odata.context": `${env.emulator.url}/v1.0/$metadata#external/connections('strict')/groups/$entity`, id: "g1" },
  });
  expect(deleted.status).toBe(204);
  expect(deleted.headers).not.toHaveProperty("Content-Type");
});
