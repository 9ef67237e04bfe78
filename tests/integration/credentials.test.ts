import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { EMULATOR_CLIENT_ID, EMULATOR_CLIENT_SECRET, EMULATOR_TENANT_ID } from "../../emulator";
import { createCredential, credentialKind } from "../../provider/config/credential";
import { resolveSettings } from "../../provider/config/settings";
import { GraphClient } from "../../provider/graph/client";
import { AuthenticationError } from "../../provider/graph/policies/bearerTokenPolicy";
import { createContext } from "../../provider/context";
import { useEmulator } from "../helpers/harness";
import { scratchDir } from "../helpers/scratch";

const env = useEmulator();

/** A token of the shape GitHub Actions' OIDC endpoint hands out (the emulator checks shape, not signature). */
function federatedToken(): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");
  return `${part({ alg: "RS256", typ: "JWT" })}.${part({ iss: "https://token.actions.githubusercontent.com", sub: "repo:contoso/connectors:environment:prod", aud: "api://AzureADTokenExchange" })}.c2lnbmF0dXJl`;
}

async function listConnections(credentialEnv: NodeJS.ProcessEnv): Promise<number> {
  const settings = resolveSettings(
    { get: () => undefined },
    { ...credentialEnv, MSGRAPH_ENDPOINT: env.emulator.url, MSGRAPH_AUTHORITY_HOST: env.emulator.url },
  );
  const saved = { ...process.env };
  // DefaultAzureCredential reads the AZURE_* variables from the process environment.
  Object.assign(process.env, credentialEnv);
  try {
    const client = new GraphClient({
      endpoint: settings.endpoint,
      credential: createCredential(settings),
      sleep: async () => undefined,
      now: Date.now,
      retry: { maxRetries: 0 },
    });
    return (await client.request("GET", "v1.0", "/external/connections")).status;
  } finally {
    for (const key of Object.keys(credentialEnv)) delete process.env[key];
    Object.assign(process.env, saved);
  }
}

describe("credentials from settings", () => {
  test("a client secret from the environment gives a client-secret credential", async () => {
    expect(
      await listConnections({
        AZURE_TENANT_ID: EMULATOR_TENANT_ID,
        AZURE_CLIENT_ID: EMULATOR_CLIENT_ID,
        AZURE_CLIENT_SECRET: EMULATOR_CLIENT_SECRET,
      }),
    ).toBe(200);
    expect(env.emulator.entra.grants.at(-1)).toEqual({ clientId: EMULATOR_CLIENT_ID, proof: "secret" });
  });

  test("workload identity federation (AZURE_FEDERATED_TOKEN_FILE) works with no secret at all", async () => {
    const file = join(scratchDir("federated-"), "token");
    writeFileSync(file, federatedToken());
    expect(
      await listConnections({ AZURE_TENANT_ID: EMULATOR_TENANT_ID, AZURE_CLIENT_ID: EMULATOR_CLIENT_ID, AZURE_FEDERATED_TOKEN_FILE: file }),
    ).toBe(200);
    expect(env.emulator.entra.grants.at(-1)).toEqual({ clientId: EMULATOR_CLIENT_ID, proof: "assertion" });
  });
});

describe("credentials CI platforms hand out (ARM_*)", () => {
  test("ARM_TENANT_ID, ARM_CLIENT_ID and ARM_CLIENT_SECRET (Pulumi ESC azure-login) give a client-secret credential", async () => {
    expect(
      await listConnections({
        ARM_TENANT_ID: EMULATOR_TENANT_ID,
        ARM_CLIENT_ID: EMULATOR_CLIENT_ID,
        ARM_CLIENT_SECRET: EMULATOR_CLIENT_SECRET,
      }),
    ).toBe(200);
    expect(env.emulator.entra.grants.at(-1)).toEqual({ clientId: EMULATOR_CLIENT_ID, proof: "secret" });
  });

  test("ARM_OIDC_TOKEN (Pulumi Deployments' OIDC) is the client assertion: no secret at all", async () => {
    expect(
      await listConnections({ ARM_TENANT_ID: EMULATOR_TENANT_ID, ARM_CLIENT_ID: EMULATOR_CLIENT_ID, ARM_OIDC_TOKEN: federatedToken() }),
    ).toBe(200);
    expect(env.emulator.entra.grants.at(-1)).toEqual({ clientId: EMULATOR_CLIENT_ID, proof: "assertion" });
  });

  test("stack config, then AZURE_*, then ARM_*, field by field; a secret beats an OIDC token", () => {
    const settings = resolveSettings(
      { get: (key) => (key === "msgraph:tenantId" ? "config-tenant" : undefined) },
      {
        ARM_TENANT_ID: "arm-tenant",
        AZURE_CLIENT_ID: "azure-client",
        ARM_CLIENT_ID: "arm-client",
        ARM_CLIENT_SECRET: "arm~secret",
        ARM_OIDC_TOKEN: federatedToken(),
      },
    );
    expect(settings).toMatchObject({ tenantId: "config-tenant", clientId: "azure-client", clientSecret: "arm~secret" });
    expect(createCredential(settings).constructor.name).toBe("ClientSecretCredential");
    expect(createCredential({ ...settings, clientSecret: undefined }).constructor.name).toBe("ClientAssertionCredential");
    // An OIDC token signs in as an application, which App Proxy resources refuse at preview.
    expect(credentialKind({ ...settings, clientSecret: undefined }, {})).toEqual({
      kind: "application",
      what: "an OIDC token (ARM_OIDC_TOKEN)",
    });
  });
});

describe("clear errors from Entra (issue 8, 4)", () => {
  test("a wrong client secret names the tenant, client id, authority and the AADSTS code and message, never the secret", async () => {
    const wrongSecret = "wrong~Secret.Value.0123456789abcdef";
    const settings = resolveSettings(
      { get: () => undefined },
      {
        MSGRAPH_ENDPOINT: env.emulator.url,
        MSGRAPH_AUTHORITY_HOST: env.emulator.url,
        AZURE_TENANT_ID: EMULATOR_TENANT_ID,
        AZURE_CLIENT_ID: EMULATOR_CLIENT_ID,
        AZURE_CLIENT_SECRET: wrongSecret,
      },
    );
    const ctx = createContext(settings, { sleep: async () => undefined, retry: { maxRetries: 0 } });
    const error = await ctx.graph.request("GET", "v1.0", "/external/connections").catch((e: Error) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as Error).message).toBe(
      `could not get a token for https://graph.microsoft.com/.default (tenant ${EMULATOR_TENANT_ID}, client id ${EMULATOR_CLIENT_ID}, ` +
        `authority ${env.emulator.url}): AuthenticationRequiredError: AADSTS7000215: Invalid client secret provided.`,
    );
    expect((error as Error).message).not.toContain(wrongSecret);
  });
});
