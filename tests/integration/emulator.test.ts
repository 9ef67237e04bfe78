import { GraphError } from "../../provider/graph/errors";
import { ITEMS_PER_CONNECTION } from "../../model/limits";
import { adminClient, delegatedCredential, TITLE_SCHEMA, useEmulator, USER_1 } from "../helpers/harness";

const env = useEmulator({ schemaProvisioningMs: 60_000, deletionMs: 10_000 });

async function status(promise: Promise<{ status: number }>): Promise<number> {
  try {
    return (await promise).status;
  } catch (error) {
    return (error as GraphError).status;
  }
}

describe("emulator fidelity", () => {
  test("connection lifecycle answers with the documented status codes", async () => {
    const graph = adminClient(env.emulator);
    const created = await graph.request("POST", "v1.0", "/external/connections", {
      id: "contosohr",
      name: "Contoso HR",
      description: "HR",
    });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      "@odata.context": `${env.emulator.url}/v1.0/$metadata#external/connections/$entity`,
      id: "contosohr",
      name: "Contoso HR",
      description: "HR",
      state: "draft",
      contentCategory: "uncategorized",
      configuration: { authorizedAppIds: ["3c5d8f0a-6b1e-4f2d-8a9c-1d2e3f4a5b6c"] },
    });
    expect(await status(graph.request("POST", "v1.0", "/external/connections", { id: "contosohr", name: "Again" }))).toBe(409);
    expect(await status(graph.request("PATCH", "v1.0", "/external/connections/contosohr", { name: "New" }))).toBe(204);
    expect(await status(graph.request("PATCH", "v1.0", "/external/connections/contosohr", { connectorId: "x" }))).toBe(400);
    expect(await status(graph.request("DELETE", "v1.0", "/external/connections/contosohr"))).toBe(202);
    // Deletion is asynchronous: the connection stays visible, and its id taken, until it finishes.
    expect(await status(graph.request("GET", "v1.0", "/external/connections/contosohr"))).toBe(200);
    expect(await status(graph.request("POST", "v1.0", "/external/connections", { id: "contosohr", name: "Again" }))).toBe(409);
    env.emulator.advanceClock(10_000);
    expect(await status(graph.request("GET", "v1.0", "/external/connections/contosohr"))).toBe(404);
  });

  test("a DELETE while the connection's deletion runs is refused as already in progress (docs-contrib#2257); GET shows it until it is gone", async () => {
    const graph = adminClient(env.emulator);
    await graph.request("POST", "v1.0", "/external/connections", { id: "contosohr", name: "Contoso HR" });
    // The docs' own example: DELETE answers 202 Accepted with no body.
    const accepted = await graph.request("DELETE", "v1.0", "/external/connections/contosohr");
    expect([accepted.status, accepted.body]).toEqual([202, undefined]);
    const again = await graph.request("DELETE", "v1.0", "/external/connections/contosohr").catch((error: GraphError) => error);
    expect(again).toMatchObject({ status: 409, code: "notAllowed", message: expect.stringContaining("already in progress") });
    expect(await status(graph.request("GET", "v1.0", "/external/connections/contosohr"))).toBe(200);
    env.emulator.advanceClock(10_000);
    expect(await status(graph.request("GET", "v1.0", "/external/connections/contosohr"))).toBe(404);
    expect(await status(graph.request("DELETE", "v1.0", "/external/connections/contosohr"))).toBe(404);
  });

  test.each([
    ["a hyphen", "contoso-hr"],
    ["two characters", "hr"],
    ["33 characters", "a".repeat(33)],
    ["a Microsoft prefix", "MicrosoftHR"],
    ["a reserved id", "Teams"],
  ])("refuses a connection id with %s with 400", async (_what, id) => {
    expect(await status(adminClient(env.emulator).request("POST", "v1.0", "/external/connections", { id, name: "x" }))).toBe(400);
  });

  test("a broken adaptive card creates the connection without the template, answers 503, and the repeat gets 409", async () => {
    const graph = adminClient(env.emulator);
    const body = {
      id: "brokencard",
      name: "Broken",
      searchSettings: { searchResultTemplates: [{ id: "t1", priority: 1, layout: { type: "NotACard" } }] },
    };
    expect(await status(graph.request("POST", "v1.0", "/external/connections", body))).toBe(503);
    const stored = await graph.request("GET", "v1.0", "/external/connections/brokencard");
    expect(stored.body).toMatchObject({ id: "brokencard", searchSettings: { searchResultTemplates: [] } });
    expect(await status(graph.request("POST", "v1.0", "/external/connections", body))).toBe(409);
  });

  test("schema registration answers 202 with an operation Location that completes after the provisioning time", async () => {
    const graph = adminClient(env.emulator);
    await graph.request("POST", "v1.0", "/external/connections", { id: "withschema", name: "S" });
    expect(await status(graph.request("GET", "v1.0", "/external/connections/withschema/schema"))).toBe(404);
    const accepted = await graph.request("PATCH", "v1.0", "/external/connections/withschema/schema", TITLE_SCHEMA);
    expect(accepted.status).toBe(202);
    expect(accepted.headers.location).toMatch(
      new RegExp(`^${env.emulator.url}/v1.0/external/connections/withschema/operations/[0-9a-f-]{36}$`),
    );
    const operation = graph.followUrl(accepted.headers.location);
    expect((await graph.requestUrl("GET", operation)).body).toMatchObject({ status: "inprogress" });
    expect(await status(graph.request("PATCH", "v1.0", "/external/connections/withschema/schema", TITLE_SCHEMA))).toBe(409);
    env.emulator.advanceClock(60_000);
    expect((await graph.requestUrl("GET", operation)).body).toMatchObject({ status: "completed" });
    expect((await graph.request("GET", "v1.0", "/external/connections/withschema")).body).toMatchObject({ state: "ready" });
    const removal = { ...TITLE_SCHEMA, properties: [TITLE_SCHEMA.properties[0]] };
    const refused = await graph.request("PATCH", "v1.0", "/external/connections/withschema/schema", removal).catch((e: GraphError) => e);
    expect(refused).toMatchObject({ status: 400, message: expect.stringContaining("property 'url' is removed") });
  });

  test("an injected schema failure reports a failed operation with its error", async () => {
    const graph = adminClient(env.emulator);
    await graph.request("POST", "v1.0", "/external/connections", { id: "failing", name: "F" });
    env.emulator.failSchemaOperations(1, "Server error, something went wrong");
    const accepted = await graph.request("PATCH", "v1.0", "/external/connections/failing/schema", TITLE_SCHEMA);
    env.emulator.advanceClock(60_000);
    expect((await graph.requestUrl("GET", graph.followUrl(accepted.headers.location))).body).toMatchObject({
      status: "failed",
      error: { message: "Server error, something went wrong" },
    });
  });

  test("groups and members follow the documented routes; members cannot be listed", async () => {
    const graph = adminClient(env.emulator);
    await graph.request("POST", "v1.0", "/external/connections", { id: "groups", name: "G" });
    expect(await status(graph.request("POST", "v1.0", "/external/connections/groups/groups", { id: "sales", displayName: "Sales" }))).toBe(
      201,
    );
    expect(await status(graph.request("POST", "v1.0", "/external/connections/groups/groups", { id: "sales" }))).toBe(409);
    expect(await status(graph.request("POST", "v1.0", "/external/connections/groups/groups", { id: "sales-team" }))).toBe(400);
    expect(await status(graph.request("PATCH", "v1.0", "/external/connections/groups/groups/sales", { description: "d" }))).toBe(204);
    expect(
      await status(graph.request("POST", "v1.0", "/external/connections/groups/groups/sales/members", { id: USER_1, type: "user" })),
    ).toBe(201);
    expect(
      await status(graph.request("POST", "v1.0", "/external/connections/groups/groups/sales/members", { id: USER_1, type: "user" })),
    ).toBe(409);
    expect(
      await status(
        graph.request("POST", "v1.0", "/external/connections/groups/groups/sales/members", { id: "nested", type: "externalGroup" }),
      ),
    ).toBe(201);
    // The current beta metadata has the same closed `identity` type: `identitySource` is no property of it.
    expect(
      await status(
        graph.request("POST", "beta", "/external/connections/groups/groups/sales/members", {
          id: "nested2",
          type: "group",
          identitySource: "external",
        }),
      ),
    ).toBe(400);
    expect(
      await status(graph.request("POST", "v1.0", "/external/connections/groups/groups/sales/members", { id: "nope", type: "user" })),
    ).toBe(400);
    expect(await status(graph.request("GET", "v1.0", "/external/connections/groups/groups/sales/members"))).toBe(405);
    expect(await status(graph.request("DELETE", "v1.0", `/external/connections/groups/groups/sales/members/${USER_1}`))).toBe(204);
    expect(await status(graph.request("DELETE", "v1.0", `/external/connections/groups/groups/sales/members/${USER_1}`))).toBe(404);
    expect(await status(graph.request("DELETE", "v1.0", "/external/connections/groups/groups/sales"))).toBe(204);
  });

  test("$batch enforces 20 requests, unique ids, Content-Type and one order, and answers 424 for failed dependencies", async () => {
    const graph = adminClient(env.emulator);
    const request = (id: string, extra: Record<string, unknown> = {}) => ({ id, method: "GET", url: "/external/connections", ...extra });
    expect(
      await status(graph.request("POST", "v1.0", "/$batch", { requests: Array.from({ length: 21 }, (_, i) => request(String(i))) })),
    ).toBe(400);
    expect(await status(graph.request("POST", "v1.0", "/$batch", { requests: [request("a"), request("A")] }))).toBe(400);
    expect(
      await status(graph.request("POST", "v1.0", "/$batch", { requests: [request("a", { method: "POST", body: { id: "x" } })] })),
    ).toBe(400);
    const answer = await graph.request("POST", "v1.0", "/$batch", {
      requests: [
        request("1", { url: "/external/connections/missing" }),
        request("2", { dependsOn: ["1"] }),
        request("3", { dependsOn: ["2"] }),
      ],
    });
    expect((answer.body as { responses: Array<{ id: string; status: number }> }).responses.map((r) => [r.id, r.status])).toEqual([
      ["1", 404],
      ["2", 424],
      ["3", 424],
    ]);
    // Fully sequential or fully parallel: a mix is refused whole.
    const mixed = await graph
      .request("POST", "v1.0", "/$batch", { requests: [request("1"), request("2", { dependsOn: ["1"] }), request("3")] })
      .catch((error: GraphError) => error);
    expect(mixed).toMatchObject({
      status: 400,
      response: { body: { error: { message: "Batch should be either fully sequential or fully parallel." } } },
    });
  });

  test("refuses Graph calls without a valid token", async () => {
    const response = await fetch(`${env.emulator.url}/v1.0/external/connections`);
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: { code: "InvalidAuthenticationToken", message: "Access token is empty." } });
  });

  test("the /_emulator/ control API injects faults, advances time, and shows requests and state over HTTP", async () => {
    const admin = (method: string, path: string, body?: unknown) =>
      fetch(`${env.emulator.url}/_emulator/${path}`, { method, body: body === undefined ? undefined : JSON.stringify(body) });
    const graph = adminClient(env.emulator);
    expect(
      (await admin("POST", "faults", { method: "GET", path: "^/v1.0/external/connections$", status: 429, retryAfterSeconds: 9 })).status,
    ).toBe(204);
    const throttled = await graph.request("GET", "v1.0", "/external/connections").catch((e: GraphError) => e);
    expect(throttled).toMatchObject({ status: 429, retryAfterMs: 9000 });
    await graph.request("POST", "v1.0", "/external/connections", { id: "viaadmin", name: "A" });
    await graph.request("PATCH", "v1.0", "/external/connections/viaadmin/schema", TITLE_SCHEMA);
    await admin("POST", "clock", { advanceMs: 60_000 });
    const state = (await (await admin("GET", "state")).json()) as { connections: unknown[] };
    expect(state.connections).toEqual([expect.objectContaining({ id: "viaadmin", state: "ready", deleting: false })]);
    const logged = (await (await admin("GET", "requests")).json()) as Array<{ status: number }>;
    expect(logged.map((entry) => entry.status)).toEqual([429, 201, 202]);
    await admin("POST", "reset");
    expect(env.emulator.store.connections().length).toBe(0);
    expect(env.emulator.requests()).toEqual([]);
  });

  test("the control API's other routes call the same control methods tests call: timings, schema failures, connector and connection changes, applications", async () => {
    const admin = (method: string, path: string, body?: unknown) =>
      fetch(`${env.emulator.url}/_emulator/${path}`, { method, body: body === undefined ? undefined : JSON.stringify(body) });
    const graph = adminClient(env.emulator);
    const user = adminClient(env.emulator, delegatedCredential(env.emulator));
    await graph.request("POST", "v1.0", "/external/connections", { id: "timed", name: "Timed" });

    // A deletion that takes a minute: the connection is still there after 30 s, gone after 60.
    expect((await admin("POST", "timings", { deletionMs: 60_000, schemaProvisioningMs: 10 })).status).toBe(204);
    await graph.request("DELETE", "v1.0", "/external/connections/timed");
    env.emulator.advanceClock(30_000);
    expect(env.emulator.store.connection("timed")).toBeDefined();
    env.emulator.advanceClock(30_000);
    expect(env.emulator.store.connection("timed")).toBeUndefined();
    env.emulator.setTimings({ deletionMs: 2000, schemaProvisioningMs: 5000 });

    // The next schema operation fails with the message given.
    await graph.request("POST", "v1.0", "/external/connections", { id: "failing", name: "Failing" });
    expect((await admin("POST", "schema-failures", { times: 1, message: "Provisioning failed" })).status).toBe(204);
    const accepted = await graph.request("PATCH", "v1.0", "/external/connections/failing/schema", TITLE_SCHEMA);
    env.emulator.advanceClock(60_000);
    const operation = await graph.request("GET", "v1.0", new URL(accepted.headers.location!).pathname.replace("/v1.0", ""));
    expect(operation.body).toMatchObject({ status: "failed", error: { message: "Provisioning failed" } });

    // What Graph changes on its own: the items a connection holds.
    expect((await admin("PATCH", "connections/failing", { ingestedItemsCount: 7 })).status).toBe(204);
    expect((await graph.request("GET", "beta", "/external/connections/failing/quota")).body).toMatchObject({
      itemsRemaining: ITEMS_PER_CONNECTION - 7,
    });
    expect((await admin("PATCH", "connections/nowhere", { ingestedItemsCount: 7 })).status).toBe(400);

    // An agent's own report, and an application published and removed again.
    const installed = (await (await admin("POST", "connectors", { machineName: "gw" })).json()) as { id: string };
    expect(await (await admin("PATCH", `connectors/${installed.id}`, { status: "inactive" })).json()).toMatchObject({
      id: installed.id,
      status: "inactive",
    });
    expect((await admin("PATCH", "connectors/unknown", { status: "inactive" })).status).toBe(400);
    const group = (await user.request("POST", "beta", "/onPremisesPublishingProfiles/applicationProxy/connectorGroups", { name: "Apps" }))
      .body as { id: string };
    const app = (await (await admin("POST", "applications", { displayName: "Expenses", connectorGroupId: group.id })).json()) as {
      id: string;
    };
    expect(env.emulator.store.groupContents(group.id).applications).toHaveLength(1);
    expect((await admin("DELETE", `applications/${app.id}`)).status).toBe(204);
    expect(env.emulator.store.groupContents(group.id).applications).toHaveLength(0);
  });
});
