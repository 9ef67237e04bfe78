/**
 * Microsoft's Kiota-based SDK, `@microsoft/msgraph-sdk`, against the emulator: the connector lifecycle
 * (tests/graphClients/kiotaLifecycle.mjs) runs in its own Node process, as an ES module like the SDK, and prints
 * what it saw; the emulator runs here, so its request log is checked too. The SDK is configured as its README
 * says (an @azure/identity credential and Graph's scope), with the emulator's Entra authority, its host among the
 * authentication provider's allowed hosts and the adapter's `baseUrl` as the only changes, and the emulator's CA
 * through NODE_EXTRA_CA_CERTS.
 */
import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { EMULATOR_CLIENT_ID, EMULATOR_CLIENT_SECRET, EMULATOR_TENANT_ID } from "../../emulator";
import { graphCalls, useEmulator } from "../helpers/harness";

const env = useEmulator({ schemaProvisioningMs: 5000 });
const SCRIPT = join(__dirname, "..", "graphClients", "kiotaLifecycle.mjs");

test("the connector lifecycle runs through the Kiota SDK, and its retry handler honours a 429's Retry-After", async () => {
  const { stdout } = await promisify(execFile)(process.execPath, [SCRIPT], {
    env: {
      ...process.env,
      EMULATOR_URL: env.emulator.url,
      TENANT_ID: EMULATOR_TENANT_ID,
      CLIENT_ID: EMULATOR_CLIENT_ID,
      CLIENT_SECRET: EMULATOR_CLIENT_SECRET,
    },
    timeout: 60_000,
  });
  expect(JSON.parse(stdout)).toEqual({
    withoutAllowedHost: 401,
    created: { id: "kiotahr", name: "Kiota HR", state: "draft" },
    operationStatuses: ["inprogress", "completed"],
    schemaProperties: ["ticketTitle:string", "assignee:string"],
    state: "ready",
    group: { id: "sales", displayName: "Sales" },
    member: { id: "a1b2c3d4-0000-4000-8000-000000000001", type: "user" },
    batchStatuses: { group: 200, member: 204 },
    error: {
      status: 404,
      code: "itemNotFound",
      requestId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      clientRequestId: expect.stringMatching(/^[0-9a-f-]{36}$/),
    },
    afterThrottling: "kiotahr",
    waits: [3],
    deleted: true,
  });
  expect(graphCalls(env.emulator).filter((line) => line.startsWith("GET /v1.0/external/connections/kiotahr "))).toEqual([
    "GET /v1.0/external/connections/kiotahr 200",
    "GET /v1.0/external/connections/kiotahr 429",
    "GET /v1.0/external/connections/kiotahr 200",
  ]);
  expect(graphCalls(env.emulator)).toEqual(
    expect.arrayContaining(["POST /v1.0/$batch 200", "DELETE /v1.0/external/connections/kiotahr 202"]),
  );
});
