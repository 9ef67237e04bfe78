import { ConfigurationError, resolveSettings } from "../../provider/config/settings";

const config = (values: Record<string, string>) => ({ get: (key: string) => values[key] });

describe("resolveSettings", () => {
  test("defaults to the global cloud", () => {
    expect(resolveSettings(config({}), {})).toEqual({
      environment: "global",
      endpoint: "https://graph.microsoft.com",
      authorityHost: "https://login.microsoftonline.com",
      scope: "https://graph.microsoft.com/.default",
      tenantId: undefined,
      clientId: undefined,
      clientSecret: undefined,
      allowInsecureConnection: false,
    });
  });

  test.each([
    ["usgov", "https://graph.microsoft.us", "https://login.microsoftonline.us"],
    ["usgovdod", "https://dod-graph.microsoft.us", "https://login.microsoftonline.us"],
  ])("uses the %s cloud's endpoints and token audience", (environment, endpoint, authorityHost) => {
    expect(resolveSettings(config({ "msgraph:environment": environment }), {})).toMatchObject({
      endpoint,
      authorityHost,
      scope: `${endpoint}/.default`,
    });
  });

  test("refuses the China cloud, where connector APIs do not exist", () => {
    expect(() => resolveSettings(config({ "msgraph:environment": "china" }), {})).toThrow("not available in the China (21Vianet) cloud");
  });

  test.each([
    ["global", "https://graph.microsoft.com/.default"],
    ["usgov", "https://graph.microsoft.us/.default"],
    ["usgovdod", "https://dod-graph.microsoft.us/.default"],
  ])("asks for the %s cloud's Graph scope even when the endpoint is a proxy or the emulator (issue 27, 4)", (environment, scope) => {
    const settings = resolveSettings(config({ "msgraph:environment": environment, "msgraph:endpoint": "https://127.0.0.1:8443" }), {});
    expect(settings).toMatchObject({ endpoint: "https://127.0.0.1:8443", scope });
  });

  test("prefers stack config over the environment, and MSGRAPH_* over the cloud defaults", () => {
    const settings = resolveSettings(config({ "msgraph:tenantId": "t-config", "msgraph:clientSecret": "from-config-secret" }), {
      AZURE_TENANT_ID: "t-env",
      AZURE_CLIENT_ID: "c-env",
      AZURE_CLIENT_SECRET: "env-secret",
      MSGRAPH_ENDPOINT: "https://127.0.0.1:8443/",
      MSGRAPH_AUTHORITY_HOST: "https://127.0.0.1:8443",
    });
    expect(settings).toMatchObject({
      tenantId: "t-config",
      clientId: "c-env",
      clientSecret: "from-config-secret",
      endpoint: "https://127.0.0.1:8443",
      authorityHost: "https://127.0.0.1:8443",
      scope: "https://graph.microsoft.com/.default",
    });
  });

  test("refuses plain http endpoints unless explicitly allowed", () => {
    expect(() => resolveSettings(config({ "msgraph:endpoint": "http://127.0.0.1:8080" }), {})).toThrow(ConfigurationError);
    expect(
      resolveSettings(config({ "msgraph:endpoint": "http://127.0.0.1:8080" }), { MSGRAPH_ALLOW_INSECURE_CONNECTION: "true" }).endpoint,
    ).toBe("http://127.0.0.1:8080");
  });

  test("names an unknown environment and the valid ones", () => {
    expect(() => resolveSettings(config({ "msgraph:environment": "mars" }), {})).toThrow(
      "msgraph:environment 'mars' is not one of global, usgov, usgovdod",
    );
  });

  test("a value from an environment variable is named as that variable when it cannot work", () => {
    const fails = (env: NodeJS.ProcessEnv) => {
      try {
        resolveSettings(config({}), env);
      } catch (error) {
        return [(error as ConfigurationError).key, (error as Error).message];
      }
      throw new Error("resolved");
    };
    expect(fails({ MSGRAPH_ENDPOINT: "http://127.0.0.1:8080" })).toEqual([
      "msgraph:endpoint",
      "MSGRAPH_ENDPOINT must use https (got http://127.0.0.1:8080)",
    ]);
    expect(fails({ MSGRAPH_ENVIRONMENT: "mars" })).toEqual([
      "msgraph:environment",
      "MSGRAPH_ENVIRONMENT 'mars' is not one of global, usgov, usgovdod",
    ]);
    expect(fails({ AZURE_AUTHORITY_HOST: "login" })).toEqual(["msgraph:authorityHost", "AZURE_AUTHORITY_HOST 'login' is not a URL"]);
    // Stack config wins over the environment, and is named as the key it came from.
    expect(() =>
      resolveSettings(
        { get: (key) => (key === "msgraph:endpoint" ? "http://x" : undefined), nameOf: () => "graph-connectors:endpoint" },
        { MSGRAPH_ENDPOINT: "https://ok" },
      ),
    ).toThrow("graph-connectors:endpoint must use https (got http://x)");
  });
});
