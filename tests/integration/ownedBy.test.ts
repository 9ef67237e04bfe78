import { ClientSecretCredential } from "@azure/identity";
import { EMULATOR_TENANT_ID } from "../../emulator";
import { DEFAULT_APPS } from "../../emulator/defaults";
import { GraphClient } from "../../provider/graph/client";
import { GraphError } from "../../provider/graph/errors";
import { adminClient, useEmulator } from "../helpers/harness";

const OTHER_APP = { clientId: "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d", clientSecret: "other-app-local-secret-123" };
const ADMIN_APP = {
  clientId: "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d",
  clientSecret: "admin-app-local-secret-456",
  roles: ["ExternalConnection.ReadWrite.All", "ExternalItem.ReadWrite.All"],
};
const env = useEmulator({ apps: [...DEFAULT_APPS, OTHER_APP, ADMIN_APP] });

function clientFor(app: { clientId: string; clientSecret: string }): GraphClient {
  const credential = new ClientSecretCredential(EMULATOR_TENANT_ID, app.clientId, app.clientSecret, {
    authorityHost: env.emulator.url,
    disableInstanceDiscovery: true,
  });
  return new GraphClient({ endpoint: env.emulator.url, credential, sleep: async () => undefined, now: Date.now, retry: { maxRetries: 0 } });
}

const status = (promise: Promise<{ status: number }>) =>
  promise.then(
    (response) => response.status,
    (error: GraphError) => error.status,
  );

describe("OwnedBy permissions in the emulator", () => {
  test("an app reaches only connections it created or is authorized for; .All reaches every one", async () => {
    const owner = adminClient(env.emulator);
    const other = clientFor(OTHER_APP);
    await owner.request("POST", "v1.0", "/external/connections", { id: "ownedconn", name: "Owned" });
    expect(await status(other.request("GET", "v1.0", "/external/connections/ownedconn"))).toBe(403);
    expect(await status(other.request("POST", "v1.0", "/external/connections/ownedconn/groups", { id: "g1" }))).toBe(403);
    expect((await other.request("GET", "v1.0", "/external/connections")).body).toMatchObject({ value: [] });
    expect(await status(clientFor(ADMIN_APP).request("GET", "v1.0", "/external/connections/ownedconn"))).toBe(200);
    await owner.request("PATCH", "v1.0", "/external/connections/ownedconn", {
      configuration: { authorizedAppIds: [OTHER_APP.clientId.toUpperCase()] },
    });
    expect(await status(other.request("GET", "v1.0", "/external/connections/ownedconn"))).toBe(200);
    // The creator keeps access even when it is no longer listed.
    expect(await status(owner.request("GET", "v1.0", "/external/connections/ownedconn"))).toBe(200);
  });
});
