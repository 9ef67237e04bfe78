/**
 * The connection a program declares, through the provider's handler as `pulumi up` runs it: created with its
 * schema and waited for until Graph reports the operation done, updated (PATCH), read back; then the reads the
 * docs leave open: `$select` of a property the type lacks, and whether answers carry the caller's
 * client-request-id.
 */
import { randomUUID } from "node:crypto";
import { connectionPath } from "../../../model/connection";
import { INCLUDE_UNKNOWN_ENUM_MEMBERS } from "../../../model/enums";
import { externalConnectionHandler } from "../../../provider/resources/externalConnection/handler";
import { ExternalConnectionInputs } from "../../../provider/resources/externalConnection/types";
import { sameValue } from "../../../provider/resources/values";
import { describeAnswer, expectThat, LiveRun } from "../run";
import { ScenarioState } from "./state";

/** Copilot's labels (`iconUrl` among them, an evolvable member the provider must send `Prefer` for) and a queryable collection. */
const SCHEMA = {
  baseType: "microsoft.graph.externalItem",
  properties: [
    { name: "title", type: "string", isSearchable: true, isRetrievable: true, labels: ["title"] },
    { name: "url", type: "string", isRetrievable: true, labels: ["url"] },
    { name: "icon", type: "string", isRetrievable: true, labels: ["iconUrl"] },
    { name: "tags", type: "stringCollection", isQueryable: true, isRetrievable: true },
  ],
};

export async function declaredConnection(run: LiveRun, state: ScenarioState): Promise<string> {
  const id = state.names.connection;
  const inputs = run.checked(externalConnectionHandler, {
    connectionId: id,
    name: "Live contract run",
    description: "Made and deleted by npm run test:live of pulumi-graph-connectors.",
    readiness: "none",
    schema: SCHEMA,
    schemaTimeoutSeconds: Math.ceil(run.waitTimeoutMs / 1000),
  });
  const created = await externalConnectionHandler.create(run.app, inputs);
  expectThat(
    created.id === id && created.outs.state === "ready",
    `create answered id '${created.id}' in state '${created.outs.state}', not '${id}' in 'ready'`,
  );

  const news: ExternalConnectionInputs = { ...inputs, name: "Live contract run (updated)", description: "Updated by npm run test:live." };
  const diff = externalConnectionHandler.diff(id, created.outs, news);
  expectThat(diff.changes === true && (diff.replaces ?? []).length === 0, `diff of a name and description change: ${JSON.stringify(diff)}`);
  const updated = await externalConnectionHandler.update(run.app, id, created.outs, news);
  const read = await externalConnectionHandler.read(run.app, id, updated.outs);
  expectThat(
    read.id === id && sameValue(read.props, updated.outs),
    `refresh after the update differs from its outputs: ${JSON.stringify(read.props)}`,
  );
  state.connection = { inputs: news, outs: updated.outs };

  await selectUnknownProperty(run, id);
  await clientRequestIdEcho(run, id);
  return `'${id}' created with a schema of ${SCHEMA.properties.length} properties (state ready), renamed by an update, refreshed without drift`;
}

async function selectUnknownProperty(run: LiveRun, id: string): Promise<void> {
  const headers = { prefer: INCLUDE_UNKNOWN_ENUM_MEMBERS };
  const known = await run.raw("GET", "v1.0", `${connectionPath(id)}?$select=name,state`, undefined, { headers });
  const unknown = await run.ask("select-unknown-property", () =>
    run.raw("GET", "v1.0", `${connectionPath(id)}?$select=name,pgcliveNoSuchProperty`, undefined, { headers }),
  );
  const fields =
    known.body && typeof known.body === "object"
      ? Object.keys(known.body)
          .filter((key) => !key.includes("@"))
          .sort()
          .join(", ")
      : "";
  run.answer(
    "select-unknown-property",
    `${describeAnswer(unknown)} (the same $select of name and state: ${known.status} with ${fields || "no body"})`,
    [known.seq, unknown.seq],
  );
}

async function clientRequestIdEcho(run: LiveRun, id: string): Promise<void> {
  const found = randomUUID();
  const missing = randomUUID();
  const answer = await run.ask("client-request-id-echo", () =>
    run.raw("GET", "v1.0", connectionPath(id), undefined, { headers: { "client-request-id": found } }),
  );
  const refusal = await run.ask("client-request-id-echo", () =>
    run.raw("GET", "v1.0", connectionPath(`${run.prefix}none`), undefined, { headers: { "client-request-id": missing } }),
  );
  const header = (sent: string, got: string | undefined) =>
    got === undefined ? "no client-request-id header" : got === sent ? "the header echoes it" : `the header says '${got}'`;
  const inner = (refusal.body as { error?: { innerError?: Record<string, unknown> } } | undefined)?.error?.innerError?.[
    "client-request-id"
  ];
  run.answer(
    "client-request-id-echo",
    `200: ${header(found, answer.headers["client-request-id"])}; ${refusal.status}: ${header(missing, refusal.headers["client-request-id"])}, ` +
      `innerError ${inner === undefined ? "has none" : inner === missing ? "echoes it" : `says '${String(inner)}'`}`,
    [answer.seq, refusal.seq],
  );
}
