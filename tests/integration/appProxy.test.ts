/**
 * Application Proxy as Graph allows it (issue 7, section 3): connectors are installed, never created; a connector
 * moves between connector groups; groups are created, updated and deleted; only delegated tokens are accepted.
 */
import { EMULATOR_CLIENT_ID, EMULATOR_CLIENT_SECRET, EMULATOR_TENANT_ID } from "../../emulator";
import { ConfigurationError } from "../../provider/config/settings";
import { GraphError } from "../../provider/graph/errors";
import { connectorHandler } from "../../provider/resources/appProxy/connector";
import { connectorGroupHandler } from "../../provider/resources/appProxy/connectorGroup";
import { checkResource } from "../../provider/engine/check";
import { ProviderProcess } from "../../provider/engine/providerProcess";
import { adminClient, delegatedCredential, graphCalls, testContext, useEmulator } from "../helpers/harness";

const env = useEmulator();
const CONNECTORS = "/onPremisesPublishingProfiles/applicationProxy/connectors";

const userContext = () => testContext(env.emulator, { credential: delegatedCredential(env.emulator) });

describe("ConnectorGroup and Connector providers with a user's sign-in", () => {
  test("a connector group is created, the installed connector placed in it, moved, returned to the default group, and the group deleted", async () => {
    const ctx = userContext();
    const installed = env.emulator.installConnector({ machineName: "hr-gateway-01.contoso.local", externalIp: "203.0.113.10" });
    const defaultGroup = env.emulator.store.defaultConnectorGroup();

    const group = await connectorGroupHandler.create(ctx, { name: "HR gateways", region: "eur" });
    expect(group.outs).toEqual({
      name: "HR gateways",
      region: "eur",
      connectorGroupId: group.id,
      connectorGroupType: "applicationProxy",
      isDefault: false,
    });

    const created = await connectorHandler.create(ctx, { machineName: "HR-GATEWAY-01.contoso.local", connectorGroupId: group.id });
    expect(created).toEqual({
      id: installed.id,
      outs: {
        machineName: "HR-GATEWAY-01.contoso.local",
        connectorGroupId: group.id,
        connectorId: installed.id,
        externalIp: "203.0.113.10",
        status: "active",
        version: "1.5.3437.0",
      },
    });
    expect(env.emulator.store.connectors.get(installed.id)!.groupId).toBe(group.id);

    // Refresh sees what only Graph knows: the agent went offline and someone moved it back to the default group.
    env.emulator.changeConnector(installed.id, { status: "inactive", groupId: defaultGroup.id });
    const read = await connectorHandler.read(ctx, installed.id, created.outs);
    expect(read.props).toMatchObject({ status: "inactive", connectorGroupId: defaultGroup.id });
    expect(
      connectorHandler.diff(installed.id, read.props!, { machineName: "HR-GATEWAY-01.contoso.local", connectorGroupId: group.id }),
    ).toEqual({ changes: true, replaces: [] });
    await connectorHandler.update(ctx, installed.id, read.props!, {
      machineName: "HR-GATEWAY-01.contoso.local",
      connectorGroupId: group.id,
    });
    expect(env.emulator.store.connectors.get(installed.id)!.groupId).toBe(group.id);

    // The group cannot go while the connector is in it; destroying the Connector returns it to the default group first.
    await expect(connectorGroupHandler.delete(ctx, group.id, group.outs)).rejects.toThrow(
      `connector group 'HR gateways' (${group.id}) still holds 1 connector (hr-gateway-01.contoso.local ${installed.id}): all connectors and applications must be removed from the connector group before it can be deleted`,
    );
    await connectorHandler.delete(ctx, installed.id, created.outs);
    expect(env.emulator.store.connectors.get(installed.id)!.groupId).toBe(defaultGroup.id);
    await connectorGroupHandler.delete(ctx, group.id, group.outs);
    expect(await connectorGroupHandler.read(ctx, group.id, group.outs)).toEqual({ id: undefined });
    expect(env.emulator.store.connectors.has(installed.id)).toBe(true); // the agent stays installed
    expect(graphCalls(env.emulator).filter((line) => !line.startsWith("GET"))).toEqual([
      "POST /beta/onPremisesPublishingProfiles/applicationProxy/connectorGroups 201",
      `POST /beta${CONNECTORS}/${installed.id}/memberOf/$ref 201`,
      `POST /beta${CONNECTORS}/${installed.id}/memberOf/$ref 201`,
      `DELETE /beta/onPremisesPublishingProfiles/applicationProxy/connectorGroups/${group.id} 400`,
      `POST /beta${CONNECTORS}/${installed.id}/memberOf/$ref 201`,
      `DELETE /beta/onPremisesPublishingProfiles/applicationProxy/connectorGroups/${group.id} 204`,
    ]);
  });

  test("a connector that is not installed cannot be created: the error says to install the agent", async () => {
    const ctx = userContext();
    await expect(
      connectorHandler.create(ctx, {
        machineName: "nowhere.contoso.local",
        connectorGroupId: env.emulator.store.defaultConnectorGroup().id,
      }),
    ).rejects.toThrow(
      "no Application Proxy connector is registered for machine 'nowhere.contoso.local'. Microsoft Graph cannot create connectors: install the connector agent on that server",
    );
    expect(graphCalls(env.emulator)).toEqual([`GET /beta${CONNECTORS} 200`]);
  });
});

describe("the emulator's Application Proxy rules", () => {
  test("connectors cannot be written (405), and application tokens are refused (403) with the delegated permission named", async () => {
    const user = adminClient(env.emulator, delegatedCredential(env.emulator));
    const denied = await adminClient(env.emulator)
      .request("GET", "beta", CONNECTORS)
      .catch((error: GraphError) => error);
    expect(denied).toMatchObject({
      status: 403,
      message: expect.stringContaining(
        "Application Proxy APIs accept only delegated permission Directory.ReadWrite.All (application permissions are not supported)",
      ),
    });
    expect(await user.request("POST", "beta", CONNECTORS, { machineName: "x" }).catch((error: GraphError) => error.status)).toBe(405);
    const installed = env.emulator.installConnector({ machineName: "gw" });
    expect(
      await user.request("PATCH", "beta", `${CONNECTORS}/${installed.id}`, { machineName: "y" }).catch((error: GraphError) => error.status),
    ).toBe(405);
    expect(await user.request("DELETE", "beta", `${CONNECTORS}/${installed.id}`).catch((error: GraphError) => error.status)).toBe(405);
    // externalIp is read-only in the metadata, and v1.0 has no connector at all.
    expect(await user.request("GET", "v1.0", CONNECTORS).catch((error: GraphError) => error.status)).toBe(400);
  });

  const GROUPS = "/onPremisesPublishingProfiles/applicationProxy/connectorGroups";
  const user = () => adminClient(env.emulator, delegatedCredential(env.emulator));
  const status = (request: Promise<unknown>) =>
    request.then(
      () => "accepted",
      (error: GraphError) => error.status,
    );

  test("the docs' create, update and move examples are accepted and answered as their pages show", async () => {
    // connectorgroup-post: { "name": "Connector Group Demo" } → 201 with the group.
    const created = await user().request("POST", "beta", GROUPS, { name: "Connector Group Demo" });
    expect(created.status).toBe(201);
    const id = (created.body as { id: string }).id;
    // connectorgroup-update: PATCH { name, region } → "200 OK ... and updated connectorGroup object in the response body".
    const updated = await user().request("PATCH", "beta", `${GROUPS}/${id}`, { name: "Connector Group Demo (EU)", region: "eur" });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({
      id,
      name: "Connector Group Demo (EU)",
      region: "eur",
      connectorGroupType: "applicationProxy",
      isDefault: false,
    });
    // connector-post-memberof: { "@odata.id": ".../connectorGroups/{id}" } → "201 Created ... and connectorGroup object in the response body".
    const installed = env.emulator.installConnector({ machineName: "gw" });
    const moved = await user().request("POST", "beta", `${CONNECTORS}/${installed.id}/memberOf/$ref`, {
      "@odata.id": `https://graph.microsoft.com/beta${GROUPS}/${id}`,
    });
    expect([moved.status, moved.body]).toEqual([201, expect.objectContaining({ id, name: "Connector Group Demo (EU)" })]);
    const members = (await user().request("GET", "beta", `${GROUPS}/${id}/members`)).body as { value: Array<{ id: string }> };
    expect(members.value.map((connector) => connector.id)).toEqual([installed.id]);
  });

  test("a group holding an application keeps its region and cannot be deleted; once empty, both are accepted", async () => {
    const id = ((await user().request("POST", "beta", GROUPS, { name: "Apps" })).body as { id: string }).id;
    const app = await fetch(`${env.emulator.url}/_emulator/applications`, {
      method: "POST",
      body: JSON.stringify({ displayName: "Expenses", connectorGroupId: id }),
    });
    expect(app.status).toBe(201);
    const published = (await app.json()) as { id: string; appId: string };
    const listed = (await user().request("GET", "beta", `${GROUPS}/${id}/applications`)).body as { value: unknown[] };
    expect(listed.value).toEqual([{ id: published.id, appId: published.appId, displayName: "Expenses" }]);

    // connectorgroup-delete: "All connectors and applications must be removed ... before a connector group can be deleted."
    const refused = await user()
      .request("DELETE", "beta", `${GROUPS}/${id}`)
      .catch((error: GraphError) => error);
    expect(refused).toMatchObject({
      status: 400,
      message: expect.stringContaining("all connectors and applications must be removed from the connector group before it can be deleted"),
    });
    // connectorgroup: "This region can only be set if no connectors or applications are assigned".
    expect(await status(user().request("PATCH", "beta", `${GROUPS}/${id}`, { region: "aus" }))).toBe(400);
    expect(await status(user().request("PATCH", "beta", `${GROUPS}/${id}`, { name: "Apps (renamed)" }))).toBe("accepted");

    env.emulator.unpublishApplication(published.id);
    expect(await status(user().request("PATCH", "beta", `${GROUPS}/${id}`, { region: "aus" }))).toBe("accepted");
    expect(await status(user().request("DELETE", "beta", `${GROUPS}/${id}`))).toBe("accepted");
    // The default group is the system's.
    expect(await status(user().request("DELETE", "beta", `${GROUPS}/${env.emulator.store.defaultConnectorGroup().id}`))).toBe(400);
  });

  test("the test-control API publishes an application only into a group that exists", async () => {
    const publish = (body: unknown) => fetch(`${env.emulator.url}/_emulator/applications`, { method: "POST", body: JSON.stringify(body) });
    expect((await publish({ displayName: "Expenses", connectorGroupId: "nope" })).status).toBe(400);
    expect((await publish({ connectorGroupId: env.emulator.store.defaultConnectorGroup().id })).status).toBe(400);
    expect((await publish({ displayName: "Expenses", connectorGroupId: env.emulator.store.defaultConnectorGroup().id })).status).toBe(201);
  });

  test("a fault with a success status stands for another documented answer: no error body", async () => {
    const installed = env.emulator.installConnector({ machineName: "gw" });
    env.emulator.addFaults({ method: "POST", path: "/memberOf/\\$ref$", status: 204, afterHandling: true });
    const moved = await user().request("POST", "beta", `${CONNECTORS}/${installed.id}/memberOf/$ref`, {
      "@odata.id": `https://graph.microsoft.com/beta${GROUPS}/${env.emulator.store.defaultConnectorGroup().id}`,
    });
    expect([moved.status, moved.body]).toEqual([204, undefined]);
  });

  test("the test-control API installs connector agents into the default group", async () => {
    const response = await fetch(`${env.emulator.url}/_emulator/connectors`, {
      method: "POST",
      body: JSON.stringify({ machineName: "gw02", externalIp: "198.51.100.2" }),
    });
    expect(response.status).toBe(201);
    const user = adminClient(env.emulator, delegatedCredential(env.emulator));
    const listed = (await user.request("GET", "beta", CONNECTORS)).body as { value: Array<Record<string, unknown>> };
    expect(listed.value).toEqual([expect.objectContaining({ machineName: "gw02", externalIp: "198.51.100.2", status: "active" })]);
    const memberOf = (await user.request("GET", "beta", `${CONNECTORS}/${listed.value[0].id as string}/memberOf`)).body as {
      value: Array<{ isDefault: boolean }>;
    };
    expect(memberOf.value.map((group) => group.isDefault)).toEqual([true]);
  });
});

describe("preview refuses Application Proxy resources for an application credential", () => {
  const provider = new ProviderProcess();
  const configure = (config: { get(key: string): string | undefined }) => provider.configure(config);
  const check = (type: "Connector" | "ConnectorGroup", news: Record<string, unknown>) =>
    checkResource(type, undefined, news, provider.checkSettings());
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
    configure({ get: () => undefined });
  });

  test("a client secret in stack config fails check with the reason, before any request", () => {
    configure({
      get: (key) =>
        (
          ({
            "msgraph:tenantId": EMULATOR_TENANT_ID,
            "msgraph:clientId": EMULATOR_CLIENT_ID,
            "msgraph:clientSecret": EMULATOR_CLIENT_SECRET,
          }) as Record<string, string>
        )[key],
    });
    expect(() => check("ConnectorGroup", { name: "HR gateways" })).toThrow(ConfigurationError);
    expect(() => check("Connector", { machineName: "gw", connectorGroupId: "g" })).toThrow(
      "Connector: the configured credential is a client secret, an application credential. Application Proxy APIs accept only delegated permission Directory.ReadWrite.All",
    );
    expect(env.emulator.requests()).toEqual([]);
  });

  test.each([
    ["workload identity", { AZURE_FEDERATED_TOKEN_FILE: "/var/run/secrets/token" }, "workload identity federation"],
    ["a managed identity", { IDENTITY_ENDPOINT: "http://169.254.169.254/token" }, "a managed identity"],
    ["a certificate", { AZURE_CLIENT_CERTIFICATE_PATH: "/etc/cert.pem" }, "a client certificate"],
  ])("%s is an application credential too", (_what, variables, described) => {
    Object.assign(process.env, variables);
    delete process.env.AZURE_CLIENT_SECRET;
    configure({ get: () => undefined });
    expect(() => check("ConnectorGroup", { name: "HR gateways" })).toThrow(described);
  });

  test("a user's sign-in passes, and input problems are reported by path", () => {
    delete process.env.AZURE_CLIENT_SECRET;
    Object.assign(process.env, { AZURE_USERNAME: "admin@contoso.example", AZURE_PASSWORD: "x" });
    configure({ get: () => undefined });
    expect(check("ConnectorGroup", { name: "HR gateways", region: "eur" })).toEqual({ inputs: { name: "HR gateways", region: "eur" } });
    expect(check("ConnectorGroup", { name: "HR gateways", region: "mars" }).failures).toEqual([
      { property: "region", reason: "region must be one of nam, eur, aus, asia, ind" },
    ]);
    expect(check("ConnectorGroup", { name: "HR gateways", adoptExisting: "yes" }).failures).toEqual([
      { property: "adoptExisting", reason: "adoptExisting must be a boolean, not 'yes'" },
    ]);
    expect(check("ConnectorGroup", { name: "HR gateways", adoptExisting: true })).toEqual({
      inputs: { name: "HR gateways", adoptExisting: true },
    });
    expect(check("Connector", { machineName: "", connectorGroupId: "g" }).failures).toEqual([
      { property: "machineName", reason: "machineName must be a non-empty string" },
    ]);
  });
});
