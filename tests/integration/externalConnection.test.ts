import { checkResource } from "../../provider/engine/check";
import { canonicalSchema } from "../../model/schema";
import { ResourceInitError } from "../../provider/resources/contract";
import { externalConnectionHandler as provider } from "../../provider/resources/externalConnection/handler";
import { ExternalConnectionInputs, ExternalConnectionOutputs } from "../../provider/resources/externalConnection/types";
import { adminClient, graphCalls, testContext, TITLE_SCHEMA, useEmulator } from "../helpers/harness";

const env = useEmulator({ schemaProvisioningMs: 5000, deletionMs: 2000 });
const APP_ID = "3c5d8f0a-6b1e-4f2d-8a9c-1d2e3f4a5b6c";

/** Submitting the schema and polling its operation (done at 5 s; polls at 0, 1, 3 and 7 s), then reading the state. */
const SCHEMA_REGISTRATION = [
  "PATCH /v1.0/external/connections/contosohr/schema 202",
  // The first look after a second: Graph takes minutes.
  ...Array(3).fill("GET /v1.0/external/connections/contosohr/operations/{op} 200"),
  "GET /v1.0/external/connections/contosohr 200",
];

/** Waiting out an asynchronous deletion (done at 2 s; looks at 0, 0.5, 1.5 and 3.5 s). */
const DELETION_WAIT = [...Array(3).fill("GET /v1.0/external/connections/contosohr 200"), "GET /v1.0/external/connections/contosohr 404"];

const inputs: ExternalConnectionInputs = { connectionId: "contosohr", name: "Contoso HR", description: "HR articles" };
const withSchema: ExternalConnectionInputs = { ...inputs, schema: canonicalSchema(TITLE_SCHEMA) };

describe("ExternalConnection provider", () => {
  test("create without a schema makes one POST and returns the inputs with the draft state", async () => {
    const ctx = testContext(env.emulator);
    const result = await provider.create(ctx, inputs);
    expect(result).toEqual({ id: "contosohr", outs: { ...inputs, state: "draft" } });
    expect(graphCalls(env.emulator)).toEqual(["POST /v1.0/external/connections 201"]);
  });

  test("create registers the schema and waits for its operation, logging progress", async () => {
    const ctx = testContext(env.emulator);
    const result = await provider.create(ctx, withSchema);
    expect(result).toEqual({ id: "contosohr", outs: { ...withSchema, state: "ready" } });
    expect(graphCalls(env.emulator)).toEqual(["POST /v1.0/external/connections 201", ...SCHEMA_REGISTRATION]);
    expect(ctx.sleeps).toEqual([1000, 2000, 4000]);
    expect(ctx.logs).toEqual([
      "connection 'contosohr': schema of 2 properties submitted; waiting for the operation",
      "waiting for the schema of connection 'contosohr' (1 s so far)",
      "connection 'contosohr': schema registered",
    ]);
  });

  test("retries a 429 on create after the requested Retry-After", async () => {
    env.emulator.addFaults({ method: "POST", path: "^/v1.0/external/connections$", status: 429, retryAfterSeconds: 7 });
    const ctx = testContext(env.emulator);
    await provider.create(ctx, inputs);
    expect(ctx.sleeps).toEqual([7000]);
    expect(graphCalls(env.emulator)).toEqual(["POST /v1.0/external/connections 429", "POST /v1.0/external/connections 201"]);
  });

  test("adopts the connection when a 503 that created it is followed by 409, then reconciles it", async () => {
    // The documented known issue: the service creates the connection but answers 503; the retry gets 409.
    const ctx = testContext(env.emulator);
    env.emulator.addFaults({ method: "POST", path: "^/v1.0/external/connections$", status: 503, afterHandling: true });
    const desired = {
      ...withSchema,
      searchSettings: { searchResultTemplates: [{ id: "t1", priority: 1, layout: { type: "AdaptiveCard", version: "1.3", body: [] } }] },
    };
    const result = await provider.create(ctx, desired);
    expect(result).toEqual({ id: "contosohr", outs: { ...desired, state: "ready" } });
    expect(graphCalls(env.emulator).slice(0, 4)).toEqual([
      "POST /v1.0/external/connections 503",
      "POST /v1.0/external/connections 409",
      "GET /v1.0/external/connections/contosohr 200",
      "GET /v1.0/external/connections/contosohr/schema 404",
    ]);
    expect(ctx.logs[1]).toBe(
      "connection 'contosohr' already exists after an ambiguous failure (HTTP 503): the earlier attempt created it; adopting it",
    );
  });

  test("reconciles an adopted connection whose template the service dropped", async () => {
    const graph = adminClient(env.emulator);
    // What the 503 leaves behind: the connection exists, without the template, with another name.
    await graph.request("POST", "v1.0", "/external/connections", {
      id: "contosohr",
      name: "Old name",
      searchSettings: { searchResultTemplates: [] },
    });
    env.emulator.clearRequests();
    const ctx = testContext(env.emulator);
    const desired = {
      ...inputs,
      adoptExisting: true,
      searchSettings: { searchResultTemplates: [{ id: "t1", priority: 1, layout: { type: "AdaptiveCard", version: "1.3", body: [] } }] },
    };
    const result = await provider.create(ctx, desired);
    expect(result.outs).toEqual({ ...desired, state: "draft" });
    expect(graphCalls(env.emulator)).toEqual([
      "POST /v1.0/external/connections 409",
      "GET /v1.0/external/connections/contosohr 200",
      "PATCH /v1.0/external/connections/contosohr 204",
      "GET /v1.0/external/connections/contosohr 200",
    ]);
    expect((await graph.request("GET", "v1.0", "/external/connections/contosohr")).body).toMatchObject({
      name: "Contoso HR",
      searchSettings: desired.searchSettings,
    });
  });

  test("adopts when retries run out on 503 but the connection now exists", async () => {
    env.emulator.addFaults({ method: "POST", path: "^/v1.0/external/connections$", status: 503, afterHandling: true, times: 20 });
    const ctx = testContext(env.emulator, { retry: { maxRetries: 1 } });
    const result = await provider.create(ctx, inputs);
    expect(result.id).toBe("contosohr");
    expect(ctx.logs.at(-1)).toMatch(/^connection 'contosohr' exists although its create failed \(POST \/v1.0\/external\/connections → 503/);
  });

  test("fails a plain 409 for a connection that differs from the program, naming each difference, unless adoptExisting is set", async () => {
    await adminClient(env.emulator).request("POST", "v1.0", "/external/connections", { id: "contosohr", name: "Someone else's" });
    await expect(provider.create(testContext(env.emulator), inputs)).rejects.toThrow(
      "connection 'contosohr' already exists in the tenant and differs from the program (description is unset in Graph, 'HR articles' in the program; " +
        "name is 'Someone else's' in Graph, 'Contoso HR' in the program). Set adoptExisting: true to manage the existing connection, or choose another connectionId (dynamic providers cannot `pulumi import`).",
    );
  });

  test("a 409 for a connection exactly as declared (a killed run's create) is taken over and its schema registration finished", async () => {
    // What a run killed while waiting for the schema leaves: the connection, with its schema operation running.
    const graph = adminClient(env.emulator);
    await graph.request("POST", "v1.0", "/external/connections", { id: "contosohr", name: "Contoso HR", description: "HR articles" });
    await graph.request("PATCH", "v1.0", "/external/connections/contosohr/schema", canonicalSchema(TITLE_SCHEMA));
    const ctx = testContext(env.emulator);
    const result = await provider.create(ctx, withSchema);
    expect(result.outs).toEqual({ ...withSchema, state: "ready" });
    expect(ctx.logs[0]).toBe(
      "connection 'contosohr' already exists exactly as declared, as a run interrupted after creating it leaves it; managing it and finishing its setup",
    );
    // The killed run's operation (Graph refuses another while it runs) registers the declared schema: waited
    // out, not submitted again.
    expect(graphCalls(env.emulator).filter((line) => line.startsWith("PATCH"))).toEqual([
      "PATCH /v1.0/external/connections/contosohr/schema 202", // the killed run's
      ...Array(3).fill("PATCH /v1.0/external/connections/contosohr/schema 409"),
    ]);
  });

  test("a 409 for a connection with another schema is refused: never taken over silently", async () => {
    const graph = adminClient(env.emulator);
    await graph.request("POST", "v1.0", "/external/connections", { id: "contosohr", name: "Contoso HR", description: "HR articles" });
    await graph.request(
      "PATCH",
      "v1.0",
      "/external/connections/contosohr/schema",
      canonicalSchema({ properties: [{ name: "subject", type: "string", isSearchable: true }] }),
    );
    env.emulator.clearRequests();
    await expect(provider.create(testContext(env.emulator), withSchema)).rejects.toThrow(
      "connection 'contosohr' already exists in the tenant and differs from the program (its schema differs (Graph: subject; the program: title, url, with their types, flags, labels and aliases))",
    );
    expect(graphCalls(env.emulator).filter((call) => !call.startsWith("GET"))).toEqual(["POST /v1.0/external/connections 409"]);
  });

  test("records a partial create when the schema operation fails", async () => {
    env.emulator.failSchemaOperations(1, "Server error, something went wrong");
    const error = await provider.create(testContext(env.emulator), withSchema).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResourceInitError);
    expect(error).toMatchObject({
      id: "contosohr",
      properties: { ...inputs, state: "draft" },
      reasons: ["the schema operation of connection 'contosohr' failed: Server error, something went wrong"],
    });
  });

  test("read reports drift in managed fields and the schema, and an absent connection as gone", async () => {
    const ctx = testContext(env.emulator);
    const { outs } = await provider.create(ctx, { ...withSchema, configuration: { authorizedAppIds: [APP_ID] } });
    await adminClient(env.emulator).request("PATCH", "v1.0", "/external/connections/contosohr", {
      name: "Changed by hand",
      configuration: { authorizedAppIds: [APP_ID.toUpperCase()] },
    });
    const read = await provider.read(ctx, "contosohr", outs);
    expect(read).toEqual({ id: "contosohr", props: { ...outs, name: "Changed by hand" } });
    await adminClient(env.emulator).request("DELETE", "v1.0", "/external/connections/contosohr");
    env.emulator.advanceClock(2000);
    expect(await provider.read(ctx, "contosohr", outs)).toEqual({ id: undefined });
  });

  test("update PATCHes only changed fields and applies an additive schema change in place", async () => {
    const ctx = testContext(env.emulator);
    const { outs } = await provider.create(ctx, withSchema);
    env.emulator.clearRequests();
    const next = {
      ...withSchema,
      name: "Contoso People",
      schema: canonicalSchema({ properties: [...TITLE_SCHEMA.properties, { name: "owner", type: "string", isQueryable: true }] }),
    };
    expect(provider.diff("contosohr", outs, next)).toEqual({ changes: true, replaces: [], deleteBeforeReplace: false });
    const result = await provider.update(ctx, "contosohr", outs, next);
    expect(result).toEqual({ outs: { ...next, state: "ready" } });
    expect(graphCalls(env.emulator)).toEqual([
      "GET /v1.0/external/connections/contosohr 200",
      "PATCH /v1.0/external/connections/contosohr 204",
      ...SCHEMA_REGISTRATION,
    ]);
  });

  test("delete waits until the asynchronous delete has finished, and tolerates 404", async () => {
    const ctx = testContext(env.emulator);
    const { outs } = await provider.create(ctx, inputs);
    env.emulator.clearRequests();
    await provider.delete(ctx, "contosohr", outs);
    expect(graphCalls(env.emulator)).toEqual(["DELETE /v1.0/external/connections/contosohr 202", ...DELETION_WAIT]);
    expect(ctx.sleeps).toEqual([500, 1000, 2000]);
    await provider.delete(ctx, "contosohr", outs);
    expect(graphCalls(env.emulator).slice(-2)).toEqual([
      "DELETE /v1.0/external/connections/contosohr 404",
      "GET /v1.0/external/connections/contosohr 404",
    ]);
  });

  test("a DELETE refused while a deletion is already in progress is looked at with GET and waited out", async () => {
    const ctx = testContext(env.emulator);
    const { outs } = await provider.create(ctx, inputs);
    // A killed destroy's DELETE went out; Graph is still deleting when the command runs again.
    await adminClient(env.emulator).request("DELETE", "v1.0", "/external/connections/contosohr");
    env.emulator.clearRequests();
    await provider.delete(ctx, "contosohr", outs);
    expect(graphCalls(env.emulator)).toEqual(["DELETE /v1.0/external/connections/contosohr 409", ...DELETION_WAIT]);
    expect(ctx.sleeps).toEqual([500, 1000, 2000]);
    expect(ctx.logs[0]).toMatch(
      /^connection 'contosohr': Graph refused its DELETE \(DELETE \/v1.0\/external\/connections\/contosohr → 409 notAllowed: .*already in progress.*\), as it does while a deletion is already in progress/,
    );
    expect(ctx.logs[1]).toBe("waiting for connection 'contosohr' to be deleted (0 s so far)");
  });

  test("any other refusal of the DELETE is looked at with GET too; a connection that stays fails at the timeout, naming the refusal", async () => {
    const ctx = testContext(env.emulator);
    const { outs } = await provider.create(ctx, { ...inputs, deleteTimeoutSeconds: 2 });
    env.emulator.addFaults({ method: "DELETE", path: "/connections/contosohr$", status: 400 });
    await expect(provider.delete(ctx, "contosohr", outs)).rejects.toThrow(
      /^timed out after 2 s waiting for connection 'contosohr' to be deleted: Graph still shows it and refused its DELETE \(DELETE \/v1.0\/external\/connections\/contosohr → 400 generalException: Injected HTTP 400\..*\); run `pulumi destroy` \(or `up`\) again once Graph's deletion has finished, or raise deleteTimeoutSeconds$/,
    );
    expect(env.emulator.store.connection("contosohr")).toBeDefined();
  });

  // A 401 is asked once more with a fresh token (bearerTokenPolicy.ts), so it takes two to fail.
  test.each([
    [401, 2],
    [403, 1],
  ])("a DELETE refused with %d fails at once: waiting cannot mend a sign-in or a permission", async (code, times) => {
    const ctx = testContext(env.emulator);
    const { outs } = await provider.create(ctx, inputs);
    env.emulator.addFaults({ method: "DELETE", path: "/connections/contosohr$", status: code, times });
    env.emulator.clearRequests();
    await expect(provider.delete(ctx, "contosohr", outs)).rejects.toMatchObject({ status: code });
    expect(graphCalls(env.emulator)).toEqual(Array(times).fill(`DELETE /v1.0/external/connections/contosohr ${code}`));
  });

  test("delete gives up after deleteTimeoutSeconds", async () => {
    const ctx = testContext(env.emulator);
    const { outs } = await provider.create(ctx, { ...inputs, deleteTimeoutSeconds: 1 });
    env.emulator.setTimings({ deletionMs: 600_000 });
    try {
      await expect(provider.delete(ctx, "contosohr", outs)).rejects.toThrow(
        "timed out after 1 s waiting for connection 'contosohr' to be deleted: Graph still shows it; " +
          "raise deleteTimeoutSeconds, or run the command again: the connection is still being deleted, and the next run waits for it",
      );
    } finally {
      env.emulator.setTimings({ deletionMs: 2000 });
    }
  });
});

describe("ExternalConnection provider after an interrupted run", () => {
  const TITLE_ONLY = canonicalSchema({ properties: [TITLE_SCHEMA.properties[0]] });
  const schemaCalls = () => graphCalls(env.emulator).filter((line) => line.includes("/schema ") || line.includes("/operations/"));
  /** A create that stops halfway, as the error the engine records. */
  async function halfDone(create: Promise<unknown>): Promise<ResourceInitError> {
    const error = await create.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ResourceInitError);
    return error as ResourceInitError;
  }

  test("a schema operation whose Location was lost, registering the declared schema, is waited out and not submitted again", async () => {
    const ctx = testContext(env.emulator);
    const { outs } = await provider.create(ctx, inputs);
    // An earlier `pulumi up` submitted the schema and was killed while waiting for it.
    await adminClient(env.emulator).request("PATCH", "v1.0", "/external/connections/contosohr/schema", TITLE_SCHEMA);
    env.emulator.clearRequests();
    const result = await provider.update(ctx, "contosohr", outs, withSchema);
    expect(result.outs).toEqual({ ...withSchema, state: "ready" });
    // Refused while it runs (done at 5 s; looks at 0, 1, 3 and 7 s): once the connection is ready with the
    // declared schema, there is nothing to submit.
    expect(schemaCalls()).toEqual([
      "GET /v1.0/external/connections/contosohr/schema 200",
      "PATCH /v1.0/external/connections/contosohr/schema 409",
      "PATCH /v1.0/external/connections/contosohr/schema 409",
      "PATCH /v1.0/external/connections/contosohr/schema 409",
      "GET /v1.0/external/connections/contosohr/schema 200",
    ]);
    expect(ctx.logs).toEqual([
      "waiting for the running schema operation of connection 'contosohr' to finish (0 s so far)",
      "connection 'contosohr': the schema operation that was running registered the declared schema; nothing to submit",
    ]);
  });

  test("one whose schema is not the declared one is waited out, then the declared schema is submitted", async () => {
    const ctx = testContext(env.emulator);
    const { outs } = await provider.create(ctx, inputs);
    await adminClient(env.emulator).request("PATCH", "v1.0", "/external/connections/contosohr/schema", TITLE_ONLY);
    env.emulator.clearRequests();
    const result = await provider.update(ctx, "contosohr", outs, withSchema);
    expect(result.outs).toEqual({ ...withSchema, state: "ready" });
    expect(schemaCalls().filter((line) => line.startsWith("PATCH"))).toEqual([
      ...Array(3).fill("PATCH /v1.0/external/connections/contosohr/schema 409"),
      "PATCH /v1.0/external/connections/contosohr/schema 202",
    ]);
    expect(env.emulator.store.connection("contosohr")!.schema).toEqual(withSchema.schema);
  });

  test("a schema slower than the wait converges over runs: each records the one operation, the next waits for it, and nothing is submitted twice", async () => {
    // Each run waits 2 s for an operation that takes 5 s.
    const slow = { ...withSchema, schemaTimeoutSeconds: 2 };
    const first = await halfDone(provider.create(testContext(env.emulator), slow));
    const operation = env.emulator
      .requestLog()
      .find((line) => line.includes("/operations/"))!
      .split(" ")[1];
    const location = `${env.emulator.url}${operation}`;
    expect(first.properties).toEqual({ ...inputs, schemaTimeoutSeconds: 2, state: "draft", schemaOperation: location });
    expect(first.message).toBe(
      `timed out after 2 s waiting for the schema of connection 'contosohr': Graph is still provisioning it (operation ${location}, ` +
        "recorded in the state). The next `pulumi up` waits for this operation instead of submitting the schema again, and submits the program's schema only if it " +
        "differs from what the operation registered. Graph takes 5 to 15 minutes for a schema: schemaTimeoutSeconds (now 2) should allow for that",
    );

    env.emulator.clearRequests();
    const second = await halfDone(
      provider.update(testContext(env.emulator), "contosohr", first.properties as ExternalConnectionOutputs, slow),
    );
    expect(second.properties).toEqual(first.properties);
    expect(graphCalls(env.emulator).filter((line) => !line.startsWith("GET"))).toEqual([]);

    env.emulator.clearRequests();
    const ctx = testContext(env.emulator);
    const result = await provider.update(ctx, "contosohr", second.properties as ExternalConnectionOutputs, slow);
    expect(result.outs).toEqual({ ...slow, state: "ready" });
    // Done at 5 s: looked at 4 and 5 s; then the schema Graph holds is the declared one.
    expect(graphCalls(env.emulator)).toEqual([
      "GET /v1.0/external/connections/contosohr 200",
      ...Array(2).fill("GET /v1.0/external/connections/contosohr/operations/{op} 200"),
      "GET /v1.0/external/connections/contosohr 200",
      "GET /v1.0/external/connections/contosohr/schema 200",
      "GET /v1.0/external/connections/contosohr 200",
    ]);
    expect(ctx.logs[0]).toBe(
      `connection 'contosohr': waiting for the schema operation an earlier run left running (${location}) instead of submitting the schema again`,
    );
  });

  test("after such a timeout, a program whose schema changed meanwhile waits for the recorded operation, then submits its own", async () => {
    const error = await halfDone(provider.create(testContext(env.emulator), { ...inputs, schema: TITLE_ONLY, schemaTimeoutSeconds: 2 }));
    env.emulator.clearRequests();
    const result = await provider.update(testContext(env.emulator), "contosohr", error.properties as ExternalConnectionOutputs, withSchema);
    expect(result.outs).toEqual({ ...withSchema, state: "ready" });
    expect(graphCalls(env.emulator).filter((line) => line.startsWith("PATCH"))).toEqual([
      "PATCH /v1.0/external/connections/contosohr/schema 202",
    ]);
    expect(env.emulator.store.connection("contosohr")!.schema).toEqual(withSchema.schema);
  });

  test("a recorded operation that failed is followed by a new submission", async () => {
    env.emulator.failSchemaOperations(1, "Server error, something went wrong");
    const error = await halfDone(provider.create(testContext(env.emulator), { ...withSchema, schemaTimeoutSeconds: 2 }));
    const ctx = testContext(env.emulator);
    const result = await provider.update(ctx, "contosohr", error.properties as ExternalConnectionOutputs, withSchema);
    expect(result.outs).toEqual({ ...withSchema, state: "ready" });
    expect(ctx.logs).toContain(
      "connection 'contosohr': that schema operation failed (Server error, something went wrong); submitting the schema again",
    );
  });

  test("a refresh keeps a recorded operation, and the schema unknown, while it runs; once it ended, reads the schema", async () => {
    const slow = { ...withSchema, schemaTimeoutSeconds: 2 };
    const error = await halfDone(provider.create(testContext(env.emulator), slow));
    const recorded = error.properties as ExternalConnectionOutputs;
    const ctx = testContext(env.emulator);
    expect(await provider.read(ctx, "contosohr", recorded)).toEqual({ id: "contosohr", props: recorded });
    // Once it ended the record says what Graph holds; the schema stays unknown until the next `pulumi up` reads it.
    env.emulator.advanceClock(5000);
    expect(await provider.read(ctx, "contosohr", recorded)).toEqual({
      id: "contosohr",
      props: { ...inputs, schemaTimeoutSeconds: 2, state: "ready" },
    });
  });
});

describe("ExternalConnection beta fields", () => {
  const edCard = { type: "AdaptiveCard", version: "1.2", body: [] };
  const beta = {
    ...inputs,
    enabledContentExperiences: "search, compliance",
    complianceSettings: { eDiscoveryResultTemplates: [{ id: "ed1", priority: 1, layout: edCard }] },
  };

  test("a connection with beta fields is created, read and updated through /beta", async () => {
    const ctx = testContext(env.emulator);
    const { outs } = await provider.create(ctx, beta);
    expect(outs).toEqual({ ...beta, state: "draft" });
    // Graph may list the flags in another order; that is no drift.
    env.emulator.changeConnection("contosohr", { enabledContentExperiences: "compliance,search" });
    expect(await provider.read(ctx, "contosohr", outs)).toEqual({ id: "contosohr", props: outs });
    const next = { ...beta, enabledContentExperiences: "search" };
    await provider.update(ctx, "contosohr", outs, next);
    expect(graphCalls(env.emulator)).toEqual([
      "POST /beta/external/connections 201",
      "GET /beta/external/connections/contosohr 200",
      "GET /beta/external/connections/contosohr 200",
      "PATCH /beta/external/connections/contosohr 204",
      "GET /beta/external/connections/contosohr 200",
    ]);
    expect(env.emulator.store.connection("contosohr")!.entity.enabledContentExperiences).toBe("search");
  });

  test("check refuses eDiscovery cards above 1.2 and unknown experiences; v1.0 refuses beta fields", async () => {
    const result = checkResource("ExternalConnection", undefined, {
      ...beta,
      enabledContentExperiences: "search, chat",
      complianceSettings: { eDiscoveryResultTemplates: [{ id: "ed1", priority: 1, layout: { ...edCard, version: "1.3" } }] },
    });
    expect(result.failures).toEqual([
      {
        property: "complianceSettings.eDiscoveryResultTemplates[0].layout",
        reason: "complianceSettings.eDiscoveryResultTemplates[0].layout eDiscovery supports Adaptive Cards up to version 1.2",
      },
      {
        property: "enabledContentExperiences",
        reason: 'enabledContentExperiences must be a comma-separated list of search, compliance, e.g. "search, compliance"',
      },
    ]);
    const refused = await adminClient(env.emulator)
      .request("POST", "v1.0", "/external/connections", { id: "v1beta", name: "x", enabledContentExperiences: "search" })
      .catch((e: { status: number }) => e);
    expect(refused).toMatchObject({ status: 400 });
  });
});

/** Regressions of issue 7 section 2: each failed against the strict emulator before the fix. */
describe("ExternalConnection against Graph's metadata (issue 7)", () => {
  const peopleAware = canonicalSchema({
    properties: [
      { name: "title", type: "string", isSearchable: true, isRetrievable: true, labels: ["title"] },
      { name: "icon", type: "string", isRetrievable: true, labels: ["iconUrl"] },
      { name: "tags", type: "stringCollection", isSearchable: true, isRetrievable: true, labels: ["tags"] },
      { name: "assignees", type: "principalCollection", isRetrievable: true, labels: ["assignedToPeople"] },
      { name: "creator", type: "principal", isRetrievable: true, labels: ["createdBy"] },
    ],
  });

  test("2.1: evolvable labels and principal types register, read back without drift, and plan no replace", async () => {
    const ctx = testContext(env.emulator);
    const desired = { ...inputs, schema: peopleAware };
    const { outs } = await provider.create(ctx, desired);
    expect(outs.schema).toEqual(peopleAware);
    // A refresh reads what Graph has: without the Prefer header it would read unknownFutureValue and see drift.
    const read = await provider.read(ctx, "contosohr", outs);
    expect(read).toEqual({ id: "contosohr", props: outs });
    expect(provider.diff("contosohr", read.props!, desired)).toEqual({ changes: false, replaces: [], deleteBeforeReplace: false });
  });

  test("2.2: a v1.0 schema body carries no beta-only field; isExactMatchRequired and rankingHint route the schema through beta", async () => {
    const ctx = testContext(env.emulator);
    await provider.create(ctx, withSchema);
    expect(graphCalls(env.emulator)).toContain("PATCH /v1.0/external/connections/contosohr/schema 202");
    env.emulator.reset();
    const beta = {
      ...inputs,
      schema: canonicalSchema({
        properties: [
          ...TITLE_SCHEMA.properties,
          {
            name: "code",
            type: "string",
            isQueryable: true,
            isRetrievable: true,
            isExactMatchRequired: true,
            rankingHint: { importanceScore: "high" },
          },
        ],
      }),
    };
    const { outs } = await provider.create(ctx, beta);
    expect(graphCalls(env.emulator).filter((line) => line.includes("/schema"))).toEqual([
      "PATCH /beta/external/connections/contosohr/schema 202",
    ]);
    expect(env.emulator.store.connection("contosohr")!.schema!.properties[2]).toMatchObject({
      isExactMatchRequired: true,
      rankingHint: { importanceScore: "high" },
    });
    expect(await provider.read(ctx, "contosohr", outs)).toEqual({ id: "contosohr", props: outs });
    expect(graphCalls(env.emulator).at(-1)).toBe("GET /beta/external/connections/contosohr/schema 200");
  });

  test("2.3: a new refinable property is added in place, without a new connection", async () => {
    const ctx = testContext(env.emulator);
    const { outs } = await provider.create(ctx, withSchema);
    env.emulator.clearRequests();
    const next = {
      ...withSchema,
      schema: canonicalSchema({
        properties: [
          ...TITLE_SCHEMA.properties,
          { name: "team", type: "string", isQueryable: true, isRetrievable: true, isRefinable: true },
        ],
      }),
    };
    expect(provider.diff("contosohr", outs, next)).toEqual({ changes: true, replaces: [], deleteBeforeReplace: false });
    expect((await provider.update(ctx, "contosohr", outs, next)).outs.state).toBe("ready");
    expect(graphCalls(env.emulator)).toContain("PATCH /v1.0/external/connections/contosohr/schema 202");
    expect(env.emulator.store.connection("contosohr")!.schema!.properties.map((property) => property.name)).toEqual([
      "title",
      "url",
      "team",
    ]);
  });

  test("every connection and schema request carries Prefer: include-unknown-enum-members", async () => {
    const seen: string[] = [];
    const ctx = testContext(env.emulator);
    const send = ctx.graph.request.bind(ctx.graph);
    ctx.graph.request = (method, version, path, body, options) => {
      seen.push(`${method} ${path} ${options?.headers?.prefer ?? "-"}`);
      return send(method, version, path, body, options);
    };
    const { outs } = await provider.create(ctx, withSchema);
    await provider.read(ctx, "contosohr", outs);
    await provider.update(ctx, "contosohr", outs, { ...withSchema, name: "Renamed" });
    await provider.delete(ctx, "contosohr", outs);
    expect(seen.length).toBeGreaterThan(5);
    expect(seen.filter((line) => !line.endsWith("include-unknown-enum-members"))).toEqual([]);
    expect(seen).toContain("PATCH /external/connections/contosohr/schema respond-async, include-unknown-enum-members");
  });
});
