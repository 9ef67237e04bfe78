/**
 * Application Proxy, as a signed-in user (Graph takes no application token there): a connector group created,
 * renamed and deleted through the provider's handler, and whether the new group is listed at once. With an
 * installed connector named for the run (LIVE_APP_PROXY_CONNECTOR), also: the connector moved into the group
 * through the Connector handler (`memberOf/$ref`, whose status the docs give two ways), a delete of the group
 * while it holds the connector, and the connector moved back to the group it came from, which the restore point
 * records first. The connector's group changes for those seconds: name one that serves nothing that matters.
 */
import { CONNECTOR_GROUPS_PATH, CONNECTORS_PATH, connectorGroupPath, connectorPath, sameMachineName } from "../../../model/appProxy";
import { connectorHandler } from "../../../provider/resources/appProxy/connector";
import { connectorGroupHandler } from "../../../provider/resources/appProxy/connectorGroup";
import { describeAnswer, expectThat, LiveRun } from "../run";
import { ScenarioState } from "./state";

type GraphObject = { id: string; name?: string; machineName?: string };
const listOf = (body: unknown) => (body as { value?: GraphObject[] } | undefined)?.value ?? [];

export async function appProxy(run: LiveRun, state: ScenarioState): Promise<string> {
  const user = run.requireUser();
  // Check is left out: it decides delegated-or-not from the process's configured credential, and the run hands its own.
  const group = await connectorGroupHandler.create(user, { name: state.names.connectorGroup });
  const listed = await run.ask("connector-group-listed-at-once", () =>
    run.raw("GET", "beta", CONNECTOR_GROUPS_PATH, undefined, { as: "user" }),
  );
  run.answer(
    "connector-group-listed-at-once",
    listOf(listed.body).some((item) => item.id === group.id)
      ? "listed in the first GET after the create"
      : `not in the first GET after the create (${listed.status}, ${listOf(listed.body).length} groups)`,
    [listed.seq],
  );
  const renamed = { name: `${state.names.connectorGroup} renamed` };
  const updated = await connectorGroupHandler.update(user, group.id, group.outs, renamed);
  expectThat(updated.outs.name === renamed.name, `the group's name after the update: '${updated.outs.name}'`);

  const machineName = run.target.connectorMachineName;
  let moved = "no connector named (LIVE_APP_PROXY_CONNECTOR), so no connector moved";
  if (machineName) moved = await borrowConnector(run, group.id, machineName);

  await connectorGroupHandler.delete(user, group.id, updated.outs);
  const gone = await run.raw("GET", "beta", connectorGroupPath(group.id), undefined, { as: "user" });
  expectThat(gone.status === 404, `the connector group answers ${describeAnswer(gone)} after its delete`);
  return `connector group created, renamed, deleted; ${moved}`;
}

async function borrowConnector(run: LiveRun, groupId: string, machineName: string): Promise<string> {
  const user = run.requireUser();
  const connectors = await run.raw("GET", "beta", CONNECTORS_PATH, undefined, { as: "user" });
  const connector = listOf(connectors.body).find((item) => sameMachineName(item.machineName, machineName));
  expectThat(connector !== undefined, `no connector is registered for machine '${machineName}'`);
  const memberOf = await run.raw("GET", "beta", `${connectorPath(connector!.id)}/memberOf`, undefined, { as: "user" });
  const originalGroupId = listOf(memberOf.body)[0]?.id;
  expectThat(originalGroupId !== undefined, `connector '${machineName}' is in no group (${describeAnswer(memberOf)})`);
  run.restore.update({ connector: { id: connector!.id, machineName, originalGroupId: originalGroupId! } });

  const from = run.transcript.lastSeq;
  const placed = await run.ask("memberof-ref-status", () => connectorHandler.create(user, { machineName, connectorGroupId: groupId }));
  const refs = run.transcript.since(from, (exchange) => exchange.request.url.endsWith("/memberOf/$ref"));
  const statuses = refs.map((exchange) => `${exchange.response?.status} ${exchange.response?.body ? "with a body" : "without a body"}`);
  run.answer(
    "memberof-ref-status",
    statuses.join(", ") || "no request sent",
    refs.map((exchange) => exchange.seq),
  );

  const refused = await run.ask("connector-group-delete-refused", () =>
    run.raw("DELETE", "beta", connectorGroupPath(groupId), undefined, { as: "user" }),
  );
  run.answer(
    "connector-group-delete-refused",
    refused.status < 300 ? `accepted (${refused.status}) although the group held a connector` : `refused: ${describeAnswer(refused)}`,
    [refused.seq],
  );

  const back = await connectorHandler.update(user, placed.id, placed.outs, { machineName, connectorGroupId: originalGroupId! });
  expectThat(
    back.outs.connectorGroupId === originalGroupId,
    `the connector is in ${back.outs.connectorGroupId}, not back in ${originalGroupId}`,
  );
  run.restore.update({ connector: undefined });
  return `connector '${machineName}' moved into the group and back to ${originalGroupId}`;
}
