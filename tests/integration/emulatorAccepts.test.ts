/**
 * The emulator accepts what Graph accepts (issue 27, 7), and still refuses what Graph refuses: instance
 * annotations in POST and PATCH bodies, `client-request-id` echoed in the answer and in `innerError`, `$select`
 * on reads. Raw HTTPS requests with a token for Graph, as any client sends them.
 */
import { emulatorCredential, useEmulator } from "../helpers/harness";

const env = useEmulator({ schemaProvisioningMs: 0 });

async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const token = await emulatorCredential(env.emulator).getToken("https://graph.microsoft.com/.default");
  const response = await fetch(`${env.emulator.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token!.token}`, ...(body === undefined ? {} : { "content-type": "application/json" }), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
}

const connection = (extra: Record<string, unknown> = {}) =>
  call("POST", "/v1.0/external/connections", { id: "annotated", name: "Annotated", description: "d", ...extra });

describe("instance annotations in request bodies", () => {
  test("POST and PATCH accept @odata.type naming the type, and other annotations, without storing them", async () => {
    expect(
      (await connection({ "@odata.type": "#microsoft.graph.externalConnectors.externalConnection", "name@odata.type": "String" })).status,
    ).toBe(201);
    const patch = await call("PATCH", "/v1.0/external/connections/annotated", {
      "@odata.type": "microsoft.graph.externalConnectors.externalConnection",
      "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#external/connections/$entity",
      description: "patched",
    });
    expect(patch.status).toBe(204);
    const read = await call("GET", "/v1.0/external/connections/annotated");
    expect(read.body).toMatchObject({ description: "patched" });
    expect(Object.keys(read.body).filter((key) => key.includes("@") && key !== "@odata.context")).toEqual([]);
    await call("POST", "/v1.0/external/connections/annotated/groups", {
      "@odata.type": "#microsoft.graph.externalConnectors.externalGroup",
      id: "g1",
    });
    expect(
      (
        await call("PATCH", "/v1.0/external/connections/annotated/groups/g1", {
          "@odata.type": "#microsoft.graph.externalConnectors.externalGroup",
          displayName: "G",
        })
      ).status,
    ).toBe(204);
    expect(
      (
        await call("POST", "/v1.0/external/connections/annotated/groups/g1/members", {
          "@odata.type": "#microsoft.graph.externalConnectors.identity",
          id: "a1b2c3d4-0000-4000-8000-000000000001",
          type: "user",
        })
      ).status,
    ).toBe(201);
  });

  test("still refused: an @odata.type that is not the type or one derived from it, and undeclared properties, PATCH included", async () => {
    await connection();
    const wrongType = await call("PATCH", "/v1.0/external/connections/annotated", {
      "@odata.type": "#microsoft.graph.externalConnectors.schema",
      name: "x",
    });
    expect(wrongType).toMatchObject({
      status: 400,
      body: {
        error: {
          code: "InvalidRequest",
          innerError: { code: "DeserializationError", message: expect.stringContaining("could not be resolved by the model") },
        },
      },
    });
    const undeclared = await call("PATCH", "/v1.0/external/connections/annotated/groups/none", {
      "@odata.type": "#microsoft.graph.externalConnectors.externalGroup",
      owner: "x",
    });
    expect(undeclared).toMatchObject({
      status: 400,
      body: {
        error: {
          innerError: {
            message: expect.stringContaining(
              "The property 'owner' does not exist on type 'microsoft.graph.externalConnectors.externalGroup'",
            ),
          },
        },
      },
    });
  });

  test('the docs\' schema sample form is accepted ("String", "true"), other literals are not', async () => {
    await connection();
    const schema = (property: Record<string, unknown>) => ({
      baseType: "microsoft.graph.externalItem",
      properties: [{ name: "ticketTitle", type: "String", isSearchable: "true", isRetrievable: "true", labels: ["title"], ...property }],
    });
    expect((await call("PATCH", "/v1.0/external/connections/annotated/schema", schema({}))).status).toBe(202);
    expect((await call("GET", "/v1.0/external/connections/annotated/schema")).body.properties[0]).toMatchObject({
      type: "string",
      isSearchable: true,
      isRetrievable: true,
    });
    expect(await call("PATCH", "/v1.0/external/connections/annotated/schema", schema({ isSearchable: "yes" }))).toMatchObject({
      status: 400,
      body: { error: { innerError: { message: expect.stringContaining("must be a boolean") } } },
    });
    expect(await call("PATCH", "/v1.0/external/connections/annotated/schema", schema({ type: "text" }))).toMatchObject({
      status: 400,
      body: { error: { innerError: { message: expect.stringContaining("Cannot convert the literal 'text'") } } },
    });
  });
});

describe("client-request-id", () => {
  test("an error answer echoes it in the header and in innerError, beside the request id (concepts/errors.md)", async () => {
    const answer = await call("GET", "/v1.0/external/connections/missing", undefined, {
      "client-request-id": "e70c5c1b-8b47-68c0-3171-3d22f5e0bd54",
    });
    expect(answer.status).toBe(404);
    expect(answer.headers.get("client-request-id")).toBe("e70c5c1b-8b47-68c0-3171-3d22f5e0bd54");
    expect(answer.body.error.innerError).toEqual({
      date: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/),
      "request-id": answer.headers.get("request-id"),
      "client-request-id": "e70c5c1b-8b47-68c0-3171-3d22f5e0bd54",
    });
  });

  test("without one from the caller, the request id stands in for it; a success answer carries it too", async () => {
    const refused = await call("GET", "/v1.0/external/connections/missing");
    expect(refused.body.error.innerError["client-request-id"]).toBe(refused.headers.get("request-id"));
    const listed = await call("GET", "/v1.0/external/connections", undefined, { "client-request-id": "c1" });
    expect([listed.status, listed.headers.get("client-request-id")]).toEqual([200, "c1"]);
  });

  test("each inner $batch answer names the inner request's own client-request-id", async () => {
    const batch = await call("POST", "/v1.0/$batch", {
      requests: [
        { id: "1", method: "GET", url: "/external/connections/missing", headers: { "client-request-id": "inner-1" } },
        { id: "2", method: "GET", url: "/external/connections/missing" },
      ],
    });
    const [first, second] = [...batch.body.responses].sort((a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id));
    expect(first).toMatchObject({
      status: 404,
      headers: { "Client-Request-Id": "inner-1" },
      body: { error: { innerError: { "client-request-id": "inner-1" } } },
    });
    expect(second.body.error.innerError["client-request-id"]).toBe(second.headers["Request-Id"]);
  });
});

describe("$select on reads", () => {
  test("a connection and the list show only the selected properties, and the context URL names them", async () => {
    await connection();
    const one = await call("GET", "/v1.0/external/connections/annotated?$select=name,state");
    expect(one).toMatchObject({
      status: 200,
      body: { "@odata.context": `${env.emulator.url}/v1.0/$metadata#external/connections(name,state)/$entity` },
    });
    expect(Object.keys(one.body).sort()).toEqual(["@odata.context", "name", "state"]);
    const list = await call("GET", "/v1.0/external/connections?$select=id");
    expect(list.body).toEqual({
      "@odata.context": `${env.emulator.url}/v1.0/$metadata#external/connections(id)`,
      value: [{ id: "annotated" }],
    });
    expect(Object.keys((await call("GET", "/v1.0/external/connections/annotated?$select=*")).body)).toEqual(
      expect.arrayContaining(["id", "name", "description", "state", "configuration"]),
    );
  });

  test("a property the type does not declare in that version is refused with OData's message", async () => {
    await connection();
    expect(await call("GET", "/v1.0/external/connections/annotated?$select=name,ingestedItemsCount")).toMatchObject({
      status: 400,
      body: {
        error: {
          code: "BadRequest",
          message: "Could not find a property named 'ingestedItemsCount' on type 'microsoft.graph.externalConnectors.externalConnection'.",
        },
      },
    });
    expect((await call("GET", "/beta/external/connections/annotated?$select=ingestedItemsCount")).body).toEqual({
      "@odata.context": expect.any(String),
      ingestedItemsCount: null,
    });
  });

  test("inside a $batch too; the schema, whose page supports no query options, ignores it", async () => {
    await connection();
    const batch = await call("POST", "/v1.0/$batch", {
      requests: [{ id: "1", method: "GET", url: "/external/connections/annotated/groups?$select=displayName" }],
    });
    expect(batch.body.responses[0]).toMatchObject({ status: 200, body: { value: [] } });
    await call("PATCH", "/v1.0/external/connections/annotated/schema", {
      baseType: "microsoft.graph.externalItem",
      properties: [{ name: "title", type: "string", isRetrievable: true }],
    });
    expect((await call("GET", "/v1.0/external/connections/annotated/schema?$select=baseType")).body.properties).toHaveLength(1);
  });

  test("a profile source and a property setting, whose pages support no query options, ignore it", async () => {
    // profilesource-get.md and profilepropertysetting-get.md: "This method doesn't support OData query parameters".
    expect((await call("POST", "/v1.0/admin/people/profileSources", { sourceId: "hr", displayName: "HR", kind: "Workday" })).status).toBe(
      201,
    );
    expect(Object.keys((await call("GET", "/v1.0/admin/people/profileSources(sourceId='hr')?$select=kind")).body)).toEqual(
      expect.arrayContaining(["sourceId", "displayName", "kind"]),
    );
    const setting = await call("POST", "/v1.0/admin/people/profilePropertySettings", {
      prioritizedSourceUrls: ["https://graph.microsoft.com/v1.0/admin/people/profileSources(sourceId='hr')"],
    });
    expect(setting.status).toBe(201);
    expect(
      (await call("GET", `/v1.0/admin/people/profilePropertySettings/${setting.body.id}?$select=id`)).body.prioritizedSourceUrls,
    ).toEqual(expect.any(Array));
  });
});
