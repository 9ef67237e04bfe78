/**
 * A stack's configuration as the CLI commands read it (provider/config/stackConfig.ts): `pulumi config --json
 * --show-secrets` entries, `msgraph:*` first and `graph-connectors:*` after, secrets registered for redaction.
 */
import { settingKeys, stackConfigSource } from "../../provider/config/stackConfig";
import { resolveSettings } from "../../provider/config/settings";
import { Redactor } from "../../provider/graph/redact";

describe("a stack's config as the CLI reads it", () => {
  const entries = {
    "msgraph:tenantId": { value: "tenant-from-msgraph", secret: false },
    "graph-connectors:tenantId": { value: "tenant-from-native", secret: false },
    "graph-connectors:clientId": { value: "client-from-native", secret: false },
    "graph-connectors:clientSecret": { value: "a-stack-secret-of-some-length", secret: true },
    "graph-connectors:endpoint": { value: "https://127.0.0.1:8443/", secret: false },
    "app:unrelated": { value: "x", secret: false },
  };
  const redactor = new Redactor();

  test("each setting from msgraph:* when set there, else graph-connectors:*; the environment after both", () => {
    const settings = resolveSettings(stackConfigSource(entries, redactor), {
      AZURE_TENANT_ID: "tenant-from-env",
      AZURE_CLIENT_ID: "client-from-env",
    });
    expect(settings).toMatchObject({
      tenantId: "tenant-from-msgraph",
      clientId: "client-from-native",
      clientSecret: "a-stack-secret-of-some-length",
      endpoint: "https://127.0.0.1:8443",
    });
  });

  test("names the keys it read, never their values; a secret is redacted wherever it would appear", () => {
    expect(settingKeys(entries)).toEqual([
      "msgraph:tenantId",
      "graph-connectors:tenantId",
      "graph-connectors:clientId",
      "graph-connectors:clientSecret",
      "graph-connectors:endpoint",
    ]);
    stackConfigSource(entries, redactor);
    expect(redactor.redact("token request with a-stack-secret-of-some-length failed")).toBe("token request with [REDACTED] failed");
  });

  test("a value that cannot work is refused naming the key it came from", () => {
    expect(() => resolveSettings(stackConfigSource({ "graph-connectors:environment": { value: "mars" } }, redactor), {})).toThrow(
      "graph-connectors:environment 'mars' is not one of global, usgov, usgovdod",
    );
  });
});
