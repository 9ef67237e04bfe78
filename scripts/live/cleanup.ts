/**
 * Removes everything a run of `prefix` made and puts back what it changed, whatever state the run left: at the
 * end of every run (even one whose steps failed), and as `npm run test:live -- --cleanup <prefix>` for the
 * leftovers of a run that was killed. Each part is found by listing (connections, profile sources, connector
 * groups are listable; their names start with the prefix) or from the restore point (the precedence list as it
 * was, probe settings, a borrowed connector's group), and each part is tried even when another fails.
 */
import { CONNECTOR_GROUPS_PATH, connectorGroupPath, connectorPath, memberOfRefPath } from "../../model/appProxy";
import { connectionPath, CONNECTIONS_PATH } from "../../model/connection";
import { PROFILE_SOURCES_PATH, profileSourcePath } from "../../model/people";
import { waitFor } from "../../provider/resources/operations";
import { belongsTo } from "./names";
import { removeProbeSettings, restorePrecedence } from "./precedence";
import { ContractViolation, describeAnswer, LiveRun } from "./run";

type Listed = { id: string; name?: string; sourceId?: string };
const listOf = (body: unknown) => (body as { value?: Listed[] } | undefined)?.value ?? [];

export interface CleanupReport {
  /** One line per part: what was removed or restored. */
  done: string[];
  /** One line per part that could not be cleaned up, with why. */
  failed: string[];
}

export async function cleanUp(run: LiveRun): Promise<CleanupReport> {
  const report: CleanupReport = { done: [], failed: [] };
  const part = async (what: string, body: () => Promise<string>) => {
    try {
      report.done.push(`${what}: ${await body()}`);
    } catch (error) {
      report.failed.push(`${what}: ${(error as Error).message}`);
    }
  };
  if (run.user) {
    await part("connector", () => returnConnector(run));
    await part("connector groups", () => removeConnectorGroups(run));
  }
  await part("probe precedence settings", async () => {
    const removed = await removeProbeSettings(run);
    return removed.length > 0 ? `deleted ${removed.join(", ")}` : "none";
  });
  await part("precedence list", () => restorePrecedence(run));
  await part("profile sources", () => removeProfileSources(run));
  await part("connections", () => removeConnections(run));
  if (report.failed.length === 0) run.restore.remove();
  return report;
}

async function returnConnector(run: LiveRun): Promise<string> {
  const borrowed = run.restore.current.connector;
  if (!borrowed) return "none borrowed";
  const memberOf = await run.raw("GET", "beta", `${connectorPath(borrowed.id)}/memberOf`, undefined, { as: "user" });
  if (listOf(memberOf.body)[0]?.id !== borrowed.originalGroupId) {
    const moved = await run.raw(
      "POST",
      "beta",
      memberOfRefPath(borrowed.id),
      { "@odata.id": run.app.graph.url("beta", connectorGroupPath(borrowed.originalGroupId)) },
      { as: "user" },
    );
    if (moved.status >= 300)
      throw new ContractViolation(
        `moving connector '${borrowed.machineName}' back to ${borrowed.originalGroupId} answered ${describeAnswer(moved)}`,
      );
  }
  run.restore.update({ connector: undefined });
  return `'${borrowed.machineName}' is in ${borrowed.originalGroupId}, where it was`;
}

async function removeConnectorGroups(run: LiveRun): Promise<string> {
  const listed = await run.raw("GET", "beta", CONNECTOR_GROUPS_PATH, undefined, { as: "user" });
  const ours = listOf(listed.body).filter((group) => belongsTo(run.prefix, group.name));
  for (const group of ours) {
    const deleted = await run.raw("DELETE", "beta", connectorGroupPath(group.id), undefined, { as: "user" });
    if (deleted.status >= 300 && deleted.status !== 404)
      throw new ContractViolation(`deleting connector group '${group.name}' answered ${describeAnswer(deleted)}`);
  }
  return ours.length > 0 ? `deleted ${ours.map((group) => `'${group.name}'`).join(", ")}` : "none left";
}

async function removeProfileSources(run: LiveRun): Promise<string> {
  const listed = await run.raw("GET", "v1.0", PROFILE_SOURCES_PATH);
  const ours = listOf(listed.body).filter((source) => belongsTo(run.prefix, source.sourceId));
  for (const source of ours) {
    const deleted = await run.raw("DELETE", "v1.0", profileSourcePath(source.sourceId!));
    if (deleted.status >= 300 && deleted.status !== 404)
      throw new ContractViolation(`deleting profile source '${source.sourceId}' answered ${describeAnswer(deleted)}`);
  }
  return ours.length > 0 ? `deleted ${ours.map((source) => `'${source.sourceId}'`).join(", ")}` : "none left";
}

/**
 * DELETE answers 202 and the connection goes later; a DELETE of one already going may be refused (the
 * repeated-delete question), so every connection is asked to go, and then each is waited for until GET answers 404.
 */
async function removeConnections(run: LiveRun): Promise<string> {
  const listed = await run.raw("GET", "v1.0", CONNECTIONS_PATH);
  if (listed.status !== 200) throw new ContractViolation(`listing the connections answered ${describeAnswer(listed)}`);
  const ours = listOf(listed.body)
    .map((connection) => connection.id)
    .filter((id) => belongsTo(run.prefix, id));
  for (const id of ours) await run.raw("DELETE", "v1.0", connectionPath(id));
  for (const id of ours) {
    await waitFor(
      run.app,
      `connection '${id}' to be deleted`,
      async () => ((await run.raw("GET", "v1.0", connectionPath(id))).status === 404 ? true : undefined),
      { timeoutMs: run.waitTimeoutMs },
    );
  }
  return ours.length > 0 ? `deleted ${ours.map((id) => `'${id}'`).join(", ")}` : "none left";
}
