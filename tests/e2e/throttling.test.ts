/**
 * Issue 31 through the Pulumi CLI: with Graph answering 429 to every 5th request, one `pulumi up` of an
 * ExternalGroupSet converges, and refresh and destroy do too under the same throttling. The provider runs as
 * users run it, on the real clock: every Retry-After is waited out.
 */
import { ExternalConnection, ExternalGroupSet } from "../../sdk/dynamic";
import { useEmulator } from "../helpers/harness";
import { describeWithCli, emulatorStack, requirePulumiCli, tenantSummary } from "../helpers/pulumiStack";

const env = useEmulator({ schemaProvisioningMs: 200, deletionMs: 200 });
jest.setTimeout(480_000);

const userId = (n: number) => `a1b2c3d4-0000-4000-8000-${String(n).padStart(12, "0")}`;
const GROUPS = 40;
const MEMBERS = 20;
const memberIds = (group: number) => Array.from({ length: MEMBERS }, (_, i) => userId(group * 100 + i));

describeWithCli("pulumi up under sustained throttling", () => {
  beforeAll(requirePulumiCli);

  test(`an ExternalGroupSet of ${GROUPS} groups and ${GROUPS * MEMBERS} members with a 429 on every 5th Graph request: one up, then refresh and destroy`, async () => {
    const { emulator } = env;
    const stack = await emulatorStack(emulator, async () => {
      const connection = new ExternalConnection("acl", { connectionId: "storm", name: "Storm", description: "Throttled" });
      new ExternalGroupSet("teams", {
        connectionId: connection.connectionId,
        groups: Object.fromEntries(
          Array.from({ length: GROUPS }, (_, group) => [
            `g${group}`,
            {
              displayName: `Group ${group}`,
              members: memberIds(group).map((id) => ({ id, type: "user" as const })),
            },
          ]),
        ),
      });
    });
    // Graph's requests only (the token requests go to Entra).
    emulator.addFaults({ path: "^/v1\\.0/", status: 429, retryAfterSeconds: 1, every: 5, times: 1_000_000 });

    const up = await stack.up();
    expect(up.summary.resourceChanges).toEqual({ create: 3 });
    const tenant = tenantSummary(emulator).storm;
    expect(Object.keys(tenant)).toHaveLength(GROUPS);
    expect(tenant).toEqual(Object.fromEntries(Array.from({ length: GROUPS }, (_, group) => [`g${group}`, memberIds(group).sort()])));
    const throttled = emulator.requestLog(/ 429/).length;
    expect(throttled).toBeGreaterThan((GROUPS * (MEMBERS + 1)) / 5);

    const refresh = await stack.refresh();
    expect(refresh.summary.resourceChanges).toEqual({ same: 3 });
    await stack.preview({ expectNoChanges: true });
    await stack.destroy();
    expect(tenantSummary(emulator)).toEqual({});
    expect(emulator.requestLog(/ 429/).length).toBeGreaterThan(throttled + (2 * GROUPS) / 5);
  });
});
