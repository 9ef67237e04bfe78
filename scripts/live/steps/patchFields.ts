/**
 * Which connection properties PATCH takes. The update page lists configuration, description and name; the
 * provider also updates activitySettings, searchSettings and contentCategory in place, and beta's
 * complianceSettings and enabledContentExperiences through /beta (model/connection.ts), and treats connectorId
 * as create-only. Each property is sent alone to the declared connection (ready, after the adoption), and a
 * read afterwards shows whether an accepted one really changed.
 */
import { randomUUID } from "node:crypto";
import { ApiVersion } from "../../../model/apiVersion";
import { connectionPath } from "../../../model/connection";
import { INCLUDE_UNKNOWN_ENUM_MEMBERS } from "../../../model/enums";
import { sameField } from "../../../provider/resources/externalConnection/normalize";
import { describeAnswer, LiveRun } from "../run";
import { ScenarioState } from "./state";

const card = (version: string) => ({ type: "AdaptiveCard", version, body: [{ type: "TextBlock", text: "Live contract" }] });

/** One value per property, each valid by the metadata and model/connection.ts, so only "may PATCH set it" is asked. */
function patches(current: Record<string, unknown>): Array<{ field: string; version: ApiVersion; value: unknown }> {
  return [
    { field: "name", version: "v1.0", value: "Live contract run (patched)" },
    { field: "description", version: "v1.0", value: "Patched by npm run test:live." },
    // The app ids it holds now, so the run keeps its access whatever Graph does with them.
    {
      field: "configuration",
      version: "v1.0",
      value: { authorizedAppIds: (current.configuration as { authorizedAppIds?: string[] } | undefined)?.authorizedAppIds ?? [] },
    },
    {
      field: "activitySettings",
      version: "v1.0",
      value: {
        urlToItemResolvers: [
          {
            "@odata.type": "#microsoft.graph.externalConnectors.itemIdResolver",
            priority: 1,
            itemId: "{slug}",
            urlMatchInfo: { baseUrls: ["https://contoso.example"], urlPattern: "/items/(?<slug>[a-z0-9]+)" },
          },
        ],
      },
    },
    { field: "searchSettings", version: "v1.0", value: { searchResultTemplates: [{ id: "pgclive", priority: 1, layout: card("1.3") }] } },
    { field: "contentCategory", version: "v1.0", value: "knowledgeBase" },
    { field: "connectorId", version: "v1.0", value: randomUUID() },
    { field: "enabledContentExperiences", version: "beta", value: "search" },
    {
      field: "complianceSettings",
      version: "beta",
      value: { eDiscoveryResultTemplates: [{ id: "pgcliveed", priority: 1, layout: card("1.2") }] },
    },
  ];
}

export async function patchFields(run: LiveRun, state: ScenarioState): Promise<string> {
  const id = state.names.connection;
  const headers = { prefer: INCLUDE_UNKNOWN_ENUM_MEMBERS };
  const current = await run.raw("GET", "beta", connectionPath(id), undefined, { headers });
  const accepted: Array<{ field: string; version: ApiVersion; value: unknown; seq: number }> = [];
  const refused: string[] = [];
  const evidence: number[] = [];
  await run.ask("connection-patch-fields", async () => {
    for (const patch of patches((current.body ?? {}) as Record<string, unknown>)) {
      const answer = await run.raw("PATCH", patch.version, connectionPath(id), { [patch.field]: patch.value }, { headers });
      evidence.push(answer.seq);
      if (answer.status < 300) accepted.push({ ...patch, seq: answer.seq });
      else refused.push(`${patch.field} (${patch.version}): ${describeAnswer(answer)}`);
    }
  });
  // Read back through the version each property was written through: not every property is in both.
  const after = {
    "v1.0": await run.raw("GET", "v1.0", connectionPath(id), undefined, { headers }),
    beta: await run.raw("GET", "beta", connectionPath(id), undefined, { headers }),
  };
  evidence.push(after["v1.0"].seq, after.beta.seq);
  const held = (patch: { field: string; version: ApiVersion }) =>
    ((after[patch.version].body ?? {}) as Record<string, unknown>)[patch.field];
  const kept = accepted.filter((patch) => sameField(patch.field, patch.value, held(patch)));
  const ignored = accepted.filter((patch) => !kept.includes(patch)).map((patch) => `${patch.field} (${patch.version})`);
  const list = (items: string[]) => (items.length > 0 ? items.join(", ") : "none");
  run.answer(
    "connection-patch-fields",
    `accepted and read back: ${list(kept.map((patch) => `${patch.field} (${patch.version})`))}; ` +
      `accepted but not read back: ${list(ignored)}; refused: ${list(refused)}`,
    evidence,
  );
  return `${accepted.length} of ${accepted.length + refused.length} properties accepted by PATCH`;
}
