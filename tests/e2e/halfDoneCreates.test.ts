/**
 * A create that fails halfway is recorded as a partially created resource (Pulumi's ErrorResourceInitFailed),
 * and that record must be one every later command can load: `pulumi refresh` and `pulumi destroy` run the
 * provider from the state alone (the dynamic resources' serialized provider, `__provider`, must be in it),
 * and `pulumi up` finishes it. One run fails a create of each kind halfway, in both hosts: a connection whose
 * schema wait times out, a group and a set whose member additions lose their answers, a member whose add
 * loses its answer, and a profile source's placement whose write loses its answer; then refresh and destroy
 * must leave the tenant empty. (Connector groups and profile sources have no half-done create: each is one
 * write, taken over by name or on 409 when its answer was lost.)
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { ENTRA_SOURCE_ID, profileSourceUrl } from "../../model/people";
import * as dynamicSdk from "../../sdk/dynamic";
import { projectDirectory } from "../../scripts/emulatorStack";
import { installNativeSdk } from "../../scripts/nativeSdk";
import { TITLE_SCHEMA, useEmulator, USER_1, USER_2, USER_3 } from "../helpers/harness";
import { describeWithCli, emulatorStack, requirePulumiCli, storedState, tenantSummary } from "../helpers/pulumiStack";
import { scratchDir } from "../helpers/scratch";
import { requireInstalled } from "../../scripts/requireInstalled";

// Provisioning outlasts the connection's one-second schema wait.
const env = useEmulator({ schemaProvisioningMs: 3000, deletionMs: 300 });
jest.setTimeout(480_000);

/** The resource classes a program uses: the dynamic SDK's or the native one's (the same names and arguments). */
type Library = Pick<
  typeof dynamicSdk,
  "ExternalConnection" | "ExternalGroup" | "ExternalGroupSet" | "ExternalGroupMember" | "ProfileSource" | "ProfileSourcePriority"
>;

const member = (id: string) => ({ id, type: "user" as const });

/**
 * A connection and a group that deploy, then (`failing`) four creates that each stop halfway. The four depend
 * only on what is already deployed, so the engine starts them together and each gets to fail on its own.
 */
function halfDoneProgram(lib: Library, phase: { failing: boolean }) {
  return async () => {
    const acl = new lib.ExternalConnection("acl", { connectionId: "aclkb", name: "ACL KB", description: "Groups" });
    const editors = new lib.ExternalGroup("editors", { connectionId: acl.connectionId, groupId: "editors" });
    const hr = new lib.ProfileSource("hr", { sourceId: acl.connectionId, displayName: "ACL HR" });
    if (!phase.failing) return;
    new lib.ExternalConnection("slow", {
      connectionId: "slowkb",
      name: "Slow KB",
      description: "Schema outlasts the wait",
      schema: TITLE_SCHEMA,
      schemaTimeoutSeconds: 1,
    });
    new lib.ExternalGroup("readers", { connectionId: acl.connectionId, groupId: "readers", members: [member(USER_1), member(USER_2)] });
    new lib.ExternalGroupSet("teams", { connectionId: acl.connectionId, groups: { team: { members: [member(USER_3)] } } });
    new lib.ExternalGroupMember("writer", {
      connectionId: acl.connectionId,
      groupId: editors.groupId,
      memberId: USER_1,
      memberType: "user",
    });
    new lib.ProfileSourcePriority("skills", { sourceId: hr.sourceId });
  };
}

/** The URNs' last parts of the resources the state records as partially created. */
function halfDone(state: string): string[] {
  const resources = JSON.parse(state).checkpoint.latest.resources as Array<{ urn: string; initErrors?: string[] }>;
  return resources
    .filter((resource) => (resource.initErrors ?? []).length > 0)
    .map((resource) => resource.urn.split("::").pop()!)
    .sort();
}

async function failHalfwayThenRefreshAndDestroy(lib: Library, options: { workDir?: string } = {}): Promise<string> {
  const { emulator } = env;
  const phase = { failing: false };
  const stack = await emulatorStack(emulator, halfDoneProgram(lib, phase), options);
  await stack.up();
  // Graph adds the members and makes the tenant's precedence setting, but every answer is lost: each of those
  // creates stops halfway.
  emulator.addFaults(
    { method: "POST", path: "/groups/(readers|team|editors)/members$", status: 500, afterHandling: true, times: 4 },
    { method: "POST", path: "/admin/people/profilePropertySettings$", status: 500, afterHandling: true },
  );
  phase.failing = true;
  const failed = await stack.up().then(
    () => "succeeded",
    (error: Error) => String(error),
  );
  expect(failed).toContain("timed out after 1 s waiting for the schema of connection 'slowkb'");
  expect(failed).toContain("of group 'readers' failed");
  const state = storedState(stack);
  expect(halfDone(state)).toEqual(["readers", "skills", "slow", "teams", "writer"]);

  // Both commands start the provider from the state alone.
  const refresh = await stack.refresh();
  expect(refresh.summary.result).toBe("succeeded");
  await stack.destroy();
  expect(tenantSummary(emulator)).toEqual({});
  expect([...emulator.store.profileSources.keys()]).toEqual([]);
  // The precedence setting stays (it is the tenant's), without our entry: only Graph's Entra entry is left.
  expect([...emulator.store.profilePropertySettings.values()].map((setting) => [setting.name, setting.prioritizedSourceUrls])).toEqual([
    [undefined, [profileSourceUrl(emulator.url, ENTRA_SOURCE_ID)]],
  ]);
  return state;
}

describeWithCli("a create that stopped halfway, then refresh and destroy", () => {
  beforeAll(requirePulumiCli);

  test("dynamic resources: each half-done record carries the serialized provider, so refresh and destroy load it", async () => {
    const state = await failHalfwayThenRefreshAndDestroy(dynamicSdk);
    const resources = JSON.parse(state).checkpoint.latest.resources as Array<{
      initErrors?: string[];
      outputs?: Record<string, unknown>;
      inputs?: Record<string, unknown>;
    }>;
    for (const resource of resources.filter((found) => (found.initErrors ?? []).length > 0)) {
      expect(resource.outputs?.__provider).toBe(resource.inputs?.__provider);
    }
  });

  test("native resources: the same half-done creates refresh and destroy", async () => {
    const workDir = projectDirectory(scratchDir("graph-halfdone-"));
    writeFileSync(join(workDir, "Pulumi.yaml"), "name: graph-connectors-halfdone\nruntime: nodejs\n");
    const native = requireInstalled<Library>(installNativeSdk(workDir));
    const state = await failHalfwayThenRefreshAndDestroy(native, { workDir });
    expect(state).not.toContain("__provider");
  });
});
