/**
 * The questions a schema submission asks, each on a connection of its own so that one refusal cannot hide
 * another: booleans as strings, an enum member in another case, an evolvable label without the `Prefer` header
 * (then with it, and at once again while that operation runs), and a people connector's schema with labels the
 * people-data page says are not supported. Submitted first: Graph takes minutes per schema, and their operations
 * run while the main steps do (step probe-outcomes reads how they ended).
 */
import { CONNECTIONS_PATH } from "../../../model/connection";
import { INCLUDE_UNKNOWN_ENUM_MEMBERS } from "../../../model/enums";
import { PEOPLE_CONTENT_CATEGORY } from "../../../model/people";
import { schemaPath } from "../../../model/schema";
import { describeAnswer, expectThat, LiveRun } from "../run";
import { QuestionId } from "../questions";
import { ScenarioState } from "./state";

/** The provider's headers for a schema submission: only the question's own difference varies. */
const PROVIDER_PREFER = `respond-async, ${INCLUDE_UNKNOWN_ENUM_MEMBERS}`;

/**
 * The request example of externalconnectors-externalconnection-patch-schema.md (v1.0, `create_schema_from_
 * connection_async`, kept verbatim in tests/docs-examples/connectors-v1.0.json), which sends `"type": "String"`
 * and booleans as strings. Each probe keeps one of the two quirks and writes the other as JSON would.
 */
export function docsSampleSchema(type: string, flag: (value: boolean) => boolean | string): Record<string, unknown> {
  return {
    baseType: "microsoft.graph.externalItem",
    properties: [
      { name: "ticketTitle", type, isSearchable: flag(true), isRetrievable: flag(true), labels: ["title"] },
      { name: "priority", type, isQueryable: flag(true), isRetrievable: flag(true), isSearchable: flag(false) },
      { name: "assignee", type, isRetrievable: flag(true) },
    ],
  };
}

/** `iconUrl` comes after `unknownFutureValue` in the label enum (model/enums.ts). */
const EVOLVABLE_SCHEMA = {
  baseType: "microsoft.graph.externalItem",
  properties: [
    { name: "title", type: "string", isSearchable: true, isRetrievable: true, labels: ["title"] },
    { name: "icon", type: "string", isRetrievable: true, labels: ["iconUrl"] },
  ],
};

/** `personManager`: one of the labels the people-data page says "aren't currently supported" (model/people.ts). */
const UNSUPPORTED_PEOPLE_SCHEMA = {
  baseType: "microsoft.graph.externalItem",
  properties: [
    { name: "accountInformation", type: "string", labels: ["personAccount"] },
    { name: "manager", type: "string", labels: ["personManager"] },
  ],
};

async function createProbeConnection(run: LiveRun, id: string, extra: Record<string, unknown> = {}): Promise<void> {
  const created = await run.raw(
    "POST",
    "v1.0",
    CONNECTIONS_PATH,
    { id, name: `Live contract probe ${id}`, description: "Made and deleted by npm run test:live.", ...extra },
    { headers: { prefer: INCLUDE_UNKNOWN_ENUM_MEMBERS } },
  );
  expectThat(created.status === 201, `creating probe connection '${id}' answered ${describeAnswer(created)}`);
}

/** Submits a schema for `question`; an accepted one's operation is kept for probe-outcomes. */
async function submit(
  run: LiveRun,
  state: ScenarioState,
  question: QuestionId,
  connectionId: string,
  schema: unknown,
  prefer: string | undefined,
): Promise<string> {
  const answer = await run.ask(question, () =>
    run.raw("PATCH", "v1.0", schemaPath(connectionId), schema, { headers: prefer ? { prefer } : {} }),
  );
  const location = answer.headers.location;
  if (answer.status === 202 && location) state.probeOperations.push({ question, connectionId, location });
  const said =
    answer.status < 300 ? `accepted (${answer.status}); how its operation ends: see probe-outcomes` : `refused: ${describeAnswer(answer)}`;
  run.answer(question, said, [answer.seq]);
  return said;
}

export async function schemaProbes(run: LiveRun, state: ScenarioState): Promise<string> {
  const { booleans, enumCase, evolvable, peopleLabels } = state.names.probes;
  await createProbeConnection(run, booleans);
  await createProbeConnection(run, enumCase);
  await createProbeConnection(run, evolvable);
  await createProbeConnection(run, peopleLabels, { contentCategory: PEOPLE_CONTENT_CATEGORY });

  await submit(
    run,
    state,
    "string-booleans",
    booleans,
    docsSampleSchema("string", (value) => String(value)),
    PROVIDER_PREFER,
  );
  await submit(
    run,
    state,
    "enum-case",
    enumCase,
    docsSampleSchema("String", (value) => value),
    PROVIDER_PREFER,
  );
  await submit(run, state, "people-unsupported-labels", peopleLabels, UNSUPPORTED_PEOPLE_SCHEMA, PROVIDER_PREFER);

  // The evolvable label without the header; unless that started an operation, the same schema with it (what the
  // provider sends). Then at once the same again: it meets the operation just started.
  const before = state.probeOperations.length;
  await submit(run, state, "evolvable-enum-write", evolvable, EVOLVABLE_SCHEMA, "respond-async");
  const evidence: number[] = [];
  if (state.probeOperations.length === before) {
    const withHeader = await run.raw("PATCH", "v1.0", schemaPath(evolvable), EVOLVABLE_SCHEMA, { headers: { prefer: PROVIDER_PREFER } });
    expectThat(
      withHeader.status === 202,
      `the same schema with Prefer: ${INCLUDE_UNKNOWN_ENUM_MEMBERS} answered ${describeAnswer(withHeader)}, not 202`,
    );
    evidence.push(withHeader.seq);
  }
  const again = await run.ask("schema-resubmit-while-running", () =>
    run.raw("PATCH", "v1.0", schemaPath(evolvable), EVOLVABLE_SCHEMA, { headers: { prefer: PROVIDER_PREFER } }),
  );
  run.answer(
    "schema-resubmit-while-running",
    again.status < 300 ? `accepted (${again.status}): a second operation was started` : `refused: ${describeAnswer(again)}`,
    [...evidence, again.seq],
  );
  return `four probe connections made; ${state.probeOperations.length} probe schemas accepted and provisioning`;
}
