/**
 * External groups and members through the provider's handler: three groups created together (their POSTs share
 * a `$batch`), a group whose members are two of them, then an update that swaps a member (one `$batch` holding
 * the removal and the addition). Members are external groups: an Entra user or group id of the tenant is not
 * something the run can know. Then the member requests the docs' samples make: a body with a trailing comma,
 * and beta's "Entra group as a member" sample that posts an Entra object id as an `externalGroup`.
 */
import { BATCH_PATH } from "../../../model/batch";
import { memberPath } from "../../../model/group";
import { JsonText } from "../../../provider/graph/request";
import { externalGroupHandler } from "../../../provider/resources/externalGroup/handler";
import { ExternalGroupInputs } from "../../../provider/resources/externalGroup/types";
import { sameValue } from "../../../provider/resources/values";
import { describeAnswer, expectThat, LiveRun } from "../run";
import { ScenarioState } from "./state";

/** The member sample of the beta externalconnectors-externalgroup-post-members.md ("Add an Azure Active Directory group as a member"). */
export const BETA_ENTRA_GROUP_AS_EXTERNAL = { id: "e5477431-1038-484e-bf69-1dfedb97a110", type: "externalGroup" };

/** The v1.0 member samples' form (externalconnectors-externalgroup-post-members.md, example 3): a comma before the closing brace. */
export function withTrailingComma(id: string, type: string): string {
  return `{\n  "id": "${id}",\n  "type": "${type}",\n}`;
}

export async function groups(run: LiveRun, state: ScenarioState): Promise<string> {
  const connectionId = state.names.connection;
  const { members: groupId, nestedA, nestedB, nestedC } = state.names.groups;
  const from = run.transcript.lastSeq;
  const group = (id: string, extra: Partial<ExternalGroupInputs> = {}) =>
    run.checked(externalGroupHandler, { connectionId, groupId: id, displayName: `Live contract ${id}`, ...extra });

  await Promise.all([nestedA, nestedB, nestedC].map((id) => externalGroupHandler.create(run.app, group(id))));
  const nested = (...ids: string[]) => ids.map((id) => ({ id, type: "externalGroup" as const }));
  const inputs = group(groupId, { members: nested(nestedA, nestedB) });
  const created = await externalGroupHandler.create(run.app, inputs);
  expectThat(sameValue(created.outs.members, inputs.members), `the group's members after create: ${JSON.stringify(created.outs.members)}`);

  const news = { ...inputs, members: nested(nestedB, nestedC) };
  const updated = await externalGroupHandler.update(run.app, created.id, created.outs, news);
  expectThat(
    sameValue(updated.outs.members, news.members) && updated.outs.unconfirmedMembers === undefined,
    `the group's members after update: ${JSON.stringify(updated.outs)}`,
  );
  const batches = run.transcript.since(from, (exchange) => exchange.request.url.endsWith(BATCH_PATH));
  expectThat(batches.length > 0, "the members went without a $batch");

  // `nestedA` left the group in the update: adding it again in the samples' forms asks only about the form.
  const comma = await run.ask("trailing-comma", () =>
    run.raw("POST", "v1.0", memberPath(connectionId, groupId), new JsonText(withTrailingComma(nestedA, "externalGroup"))),
  );
  run.answer("trailing-comma", comma.status < 300 ? `accepted (${comma.status})` : `refused: ${describeAnswer(comma)}`, [comma.seq]);
  const entra = await run.ask("beta-member-entra-as-external", () =>
    run.raw("POST", "beta", memberPath(connectionId, groupId), BETA_ENTRA_GROUP_AS_EXTERNAL),
  );
  run.answer("beta-member-entra-as-external", entra.status < 300 ? `accepted (${entra.status})` : `refused: ${describeAnswer(entra)}`, [
    entra.seq,
  ]);
  return `four groups; members set and swapped through ${batches.length} $batch calls`;
}
