/**
 * Tokens for Graph, whatever the endpoint (issue 27, 4): the provider asks for its cloud's Graph scope though its
 * requests go to the emulator, and the emulator, like Graph, accepts only tokens issued for Graph (its URI with or
 * without the slash, or Graph's app id) and refuses any other audience with 401 (model/clouds.ts).
 */
import { ClientSecretCredential } from "@azure/identity";
import { EMULATOR_CLIENT_ID, EMULATOR_CLIENT_SECRET, EMULATOR_TENANT_ID, GraphEmulator } from "../../emulator";
import { externalConnectionHandler } from "../../provider/resources/externalConnection/handler";
import { graphCalls, testContext, TITLE_SCHEMA, useEmulator } from "../helpers/harness";

const env = useEmulator();

function credential(emulator: GraphEmulator): ClientSecretCredential {
  return new ClientSecretCredential(EMULATOR_TENANT_ID, EMULATOR_CLIENT_ID, EMULATOR_CLIENT_SECRET, {
    authorityHost: emulator.url,
    disableInstanceDiscovery: true,
  });
}

async function listWith(emulator: GraphEmulator, scope: string): Promise<{ status: number; body: unknown }> {
  const token = await credential(emulator).getToken(scope);
  const response = await fetch(`${emulator.url}/v1.0/external/connections`, { headers: { authorization: `Bearer ${token!.token}` } });
  return { status: response.status, body: await response.json() };
}

function claimsOf(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split(".")[1], "base64url").toString("utf8"));
}

describe("the emulator accepts tokens issued for Graph and refuses any other audience", () => {
  test.each([
    ["Graph's URI", "https://graph.microsoft.com/.default"],
    ["Graph's URI with the trailing slash", "https://graph.microsoft.com//.default"],
    ["Graph's application id", "00000003-0000-0000-c000-000000000000/.default"],
    ["US Gov (GCC High) Graph", "https://graph.microsoft.us/.default"],
    ["US Gov DoD Graph", "https://dod-graph.microsoft.us/.default"],
  ])("a token for %s is accepted", async (_what, scope) => {
    expect(await listWith(env.emulator, scope)).toMatchObject({ status: 200, body: { value: [] } });
  });

  test.each([
    ["Azure Resource Manager", "https://management.azure.com/.default", "https://management.azure.com"],
    ["the emulator's own URL", "{url}/.default", "{url}"],
    ["a look-alike host", "https://graph.microsoft.com.example/.default", "https://graph.microsoft.com.example"],
  ])("a token for %s is refused with 401", async (_what, scope, audience) => {
    const url = env.emulator.url;
    const answer = await listWith(env.emulator, scope.replace("{url}", url));
    expect(answer).toEqual({
      status: 401,
      body: {
        error: expect.objectContaining({
          code: "InvalidAuthenticationToken",
          message: `Access token validation failure. Invalid audience '${audience.replace("{url}", url)}'.`,
        }),
      },
    });
  });

  test("app tokens carry Entra's claims, with Graph as the audience", async () => {
    const token = await credential(env.emulator).getToken("https://graph.microsoft.com/.default");
    expect(claimsOf(token!.token)).toMatchObject({
      aud: "https://graph.microsoft.com",
      tid: EMULATOR_TENANT_ID,
      appid: EMULATOR_CLIENT_ID,
      idtyp: "app",
      roles: ["ExternalConnection.ReadWrite.OwnedBy", "ExternalItem.ReadWrite.OwnedBy", "PeopleSettings.ReadWrite.All"],
    });
    const claims = claimsOf(token!.token);
    expect(claims.oid).toMatch(/^[0-9a-f-]{36}$/);
    expect(claims.sub).toBe(claims.oid);
  });
});

describe("an emulator held to one cloud", () => {
  const usgov = new GraphEmulator({ graphClouds: ["usgov"] });
  beforeAll(async () => {
    await usgov.start();
  });
  afterAll(async () => {
    await usgov.stop();
  });

  test("accepts that cloud's Graph audience and refuses the global one, as a real US Gov host does", async () => {
    expect((await listWith(usgov, "https://graph.microsoft.us/.default")).status).toBe(200);
    expect(await listWith(usgov, "https://graph.microsoft.com/.default")).toMatchObject({
      status: 401,
      body: { error: { message: "Access token validation failure. Invalid audience 'https://graph.microsoft.com'." } },
    });
  });
});

describe("the provider pointed at the emulator asks for its cloud's Graph scope", () => {
  test.each([
    ["global", "https://graph.microsoft.com/.default"],
    ["usgov", "https://graph.microsoft.us/.default"],
    ["usgovdod", "https://dod-graph.microsoft.us/.default"],
  ])("msgraph:environment %s: a connection with its schema is created, read and deleted with tokens for %s", async (environment, scope) => {
    const asked: string[] = [];
    const recording = credential(env.emulator);
    const getToken = recording.getToken.bind(recording);
    recording.getToken = (scopes, options) => {
      asked.push(...[scopes].flat());
      return getToken(scopes, options);
    };
    const ctx = testContext(env.emulator, { credential: recording }, { "msgraph:environment": environment });
    const created = await externalConnectionHandler.create(ctx, { connectionId: "audience", name: "Audience", schema: TITLE_SCHEMA });
    expect(created.outs).toMatchObject({ connectionId: "audience", state: "ready" });
    expect((await externalConnectionHandler.read(ctx, created.id, created.outs)).props).toMatchObject({ connectionId: "audience" });
    await externalConnectionHandler.delete(ctx, created.id, created.outs);
    expect([...new Set(asked)]).toEqual([scope]);
    expect(graphCalls(env.emulator).filter((line) => / 401/.test(line))).toEqual([]);
  });
});
