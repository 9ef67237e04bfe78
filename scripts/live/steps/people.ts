/**
 * A people connector as examples/people declares it, through the provider's handlers: the connection (category
 * people, a person* schema, waited for), its profile source (created twice: the second meets the first), and its
 * entry in the tenant's one precedence list, placed last, then moved first, then taken out. The list is recorded
 * before anything changes and put back exactly afterwards (precedence.ts). The source has no items, so while it
 * stands in the list no profile shows anything from it. On the way, two questions about the setting itself: a
 * second one without a name, and (only in a tenant that had none) deleting it while it holds more than Entra.
 */
import {
  isEntraEntry,
  namesSource,
  PROFILE_PROPERTY_SETTINGS_PATH,
  profilePropertySettingPath,
  profileSourcePath,
  profileSourceUrl,
} from "../../../model/people";
import { externalConnectionHandler } from "../../../provider/resources/externalConnection/handler";
import { profileSourceHandler } from "../../../provider/resources/people/profileSource";
import { profileSourcePriorityHandler } from "../../../provider/resources/people/profileSourcePriority";
import { isPlaced } from "../../../provider/resources/people/placement";
import { RecordedExchange } from "../formats";
import { entraEntry } from "../names";
import { deleteSetting, precedenceSettings, rememberPrecedence, restorePrecedence, Setting } from "../precedence";
import { describeAnswer, expectThat, LiveRun } from "../run";
import { ScenarioState } from "./state";

const PEOPLE_SCHEMA = {
  baseType: "microsoft.graph.externalItem",
  properties: [
    { name: "accountInformation", type: "string", labels: ["personAccount"] },
    { name: "skills", type: "stringCollection", labels: ["personSkills"] },
    { name: "position", type: "string", labels: ["personCurrentPosition"] },
  ],
};

/** A list in a line: `[3 others, ours, Entra]`, naming only what the question is about. */
function shape(list: readonly string[], sourceId: string): string {
  const parts: string[] = [];
  let others = 0;
  const flush = () => {
    if (others > 0) parts.push(`${others} other${others > 1 ? "s" : ""}`);
    others = 0;
  };
  for (const entry of list) {
    if (namesSource(sourceId)(entry)) {
      flush();
      parts.push("ours");
    } else if (isEntraEntry(entry)) {
      flush();
      parts.push("Entra");
    } else others++;
  }
  flush();
  return `[${parts.join(", ")}]`;
}

/** What the writes of the placement sent and what Graph answered with, as list shapes. */
function writesSeen(exchanges: RecordedExchange[], sourceId: string): string {
  const writes = exchanges.filter(
    (exchange) => exchange.request.url.includes(PROFILE_PROPERTY_SETTINGS_PATH) && ["POST", "PATCH"].includes(exchange.request.method),
  );
  const list = (body: unknown) => (body as { prioritizedSourceUrls?: string[] } | undefined)?.prioritizedSourceUrls ?? [];
  return writes
    .map(
      (write) =>
        `${write.request.method} ${shape(list(write.request.body), sourceId)} → ${write.response?.status} ${shape(list(write.response?.body), sourceId)}`,
    )
    .join("; ");
}

export async function people(run: LiveRun, state: ScenarioState): Promise<string> {
  const sourceId = state.names.people;
  await rememberPrecedence(run);
  const connection = run.checked(externalConnectionHandler, {
    connectionId: sourceId,
    name: "Live contract people",
    description: "People data made and deleted by npm run test:live.",
    contentCategory: "people",
    schema: PEOPLE_SCHEMA,
    schemaTimeoutSeconds: Math.ceil(run.waitTimeoutMs / 1000),
  });
  const created = await externalConnectionHandler.create(run.app, connection);
  expectThat(created.outs.state === "ready", `the people connection is '${created.outs.state}', not ready`);

  const source = run.checked(profileSourceHandler, {
    sourceId,
    displayName: "Live contract",
    kind: "Connector",
    webUrl: "https://contoso.example/pgclive",
  });
  const registered = await profileSourceHandler.create(run.app, source);
  const from = run.transcript.lastSeq;
  // Answered whether or not the handler copes: what Graph said to the second POST is the question's answer.
  const again = await run
    .ask("profile-source-duplicate", () => profileSourceHandler.create(run.app, source))
    .then(
      (created) => ({ created, said: "the handler took the source over" }),
      (error: Error) => ({ created: undefined, said: `the handler failed: ${error.message}` }),
    );
  const duplicate = run.transcript.since(from, (exchange) => exchange.request.method === "POST");
  run.answer(
    "profile-source-duplicate",
    `${duplicate.map((post) => post.response?.status ?? post.error).join(", ")}; ${again.said}`,
    duplicate.map((post) => post.seq),
  );
  expectThat(
    again.created?.outs.profileSourceId === registered.outs.profileSourceId,
    `the second create of the profile source: ${again.said}`,
  );

  const last = run.checked(profileSourcePriorityHandler, { sourceId, position: "last" });
  const placing = run.transcript.lastSeq;
  const placed = await profileSourcePriorityHandler.create(run.app, last);
  run.answer(
    "position-last-entra",
    `placed last: ${shape(placed.outs.prioritizedSourceUrls, sourceId)}; writes: ${writesSeen(run.transcript.since(placing), sourceId)}`,
    run.transcript.since(placing).map((exchange) => exchange.seq),
  );
  const first = { ...last, position: "first" };
  const moved = await profileSourcePriorityHandler.update(run.app, placed.id, placed.outs, first);
  expectThat(
    isPlaced(moved.outs.prioritizedSourceUrls, sourceId, { position: "first" }),
    `after the move: ${shape(moved.outs.prioritizedSourceUrls, sourceId)}`,
  );

  const ours = profileSourceUrl(run.target.settings.endpoint, sourceId);
  await secondUnnamedSetting(run, ours);
  await deleteWhileItHoldsMore(run, moved.outs.settingId, sourceId);

  await profileSourcePriorityHandler.delete(run.app, placed.id, moved.outs);
  const left = (await precedenceSettings(run))[0]?.prioritizedSourceUrls ?? [];
  expectThat(!left.some(namesSource(sourceId)), `the source is still in the list after its delete: ${shape(left, sourceId)}`);
  const restored = await restorePrecedence(run);
  await profileSourceHandler.delete(run.app, sourceId, registered.outs);
  const gone = await run.raw("GET", "v1.0", profileSourcePath(sourceId));
  expectThat(gone.status === 404, `the profile source answers ${describeAnswer(gone)} after its delete`);
  return `people connection ready; source registered, placed last, moved first, taken out; ${restored}`;
}

/** The provider's own create of the setting (precedenceSetting.ts), as a second writer would send it. */
async function secondUnnamedSetting(run: LiveRun, ours: string): Promise<void> {
  const list = [ours, entraEntry(run.target.settings.endpoint)];
  const created = await run.ask("second-unnamed-setting", () =>
    run.raw("POST", "v1.0", PROFILE_PROPERTY_SETTINGS_PATH, { prioritizedSourceUrls: list }),
  );
  if (created.status >= 300) {
    run.answer("second-unnamed-setting", `refused: ${describeAnswer(created)}`, [created.seq]);
    return;
  }
  const id = (created.body as { id?: string } | undefined)?.id;
  if (id) run.restore.update({ probeSettingIds: [...run.restore.current.probeSettingIds, id] });
  const [patched, deleted] = id ? await deleteSetting(run, { id, prioritizedSourceUrls: list }) : [undefined, undefined];
  if (deleted && deleted.status < 300)
    run.restore.update({ probeSettingIds: run.restore.current.probeSettingIds.filter((other) => other !== id) });
  run.answer(
    "second-unnamed-setting",
    `accepted (${created.status}); removed again: PATCH to Entra alone ${patched ? describeAnswer(patched) : "not sent (no id)"}, ` +
      `DELETE ${deleted ? describeAnswer(deleted) : "not sent"}`,
    [created.seq, ...(patched ? [patched.seq] : []), ...(deleted ? [deleted.seq] : [])],
  );
}

/** Only where the run made the setting: a tenant's own is never deleted. */
async function deleteWhileItHoldsMore(run: LiveRun, settingId: string, sourceId: string): Promise<void> {
  if (run.restore.current.precedence?.existed !== false) {
    run.answer(
      "precedence-setting-delete",
      "not asked: the tenant had a precedence setting before the run, and the run deletes none of a tenant's own",
      [],
    );
    return;
  }
  const setting: Setting | undefined = (await precedenceSettings(run)).find((candidate) => candidate.id === settingId);
  const held = setting ? shape(setting.prioritizedSourceUrls, sourceId) : "(not listed)";
  const deleted = await run.ask("precedence-setting-delete", () => run.raw("DELETE", "v1.0", profilePropertySettingPath(settingId)));
  run.answer(
    "precedence-setting-delete",
    deleted.status < 300
      ? `accepted (${deleted.status}) while it held ${held}`
      : `refused while it held ${held}: ${describeAnswer(deleted)}`,
    [deleted.seq],
  );
}
