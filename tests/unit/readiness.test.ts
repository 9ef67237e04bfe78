/**
 * Readiness says what the docs say (issue 27, part 6): required is only what a page says must be there,
 * recommended what it says helps, and the agent labels only when asked for; `strictReadiness` fails on the
 * levels it names, `true` on every gap as 0.2.x did.
 */
import { checkResource } from "../../provider/engine/check";
import {
  AGENT_MANIFEST_DOC,
  CONNECTION_STATES_DOC,
  EXPERIENCES_DOC,
  PEOPLE_DOC,
  readinessFindings,
  ReadinessTarget,
} from "../../model/readiness";
import { canonicalSchema } from "../../model/schema";

const connection = { connectionId: "contosokb", name: "Contoso KB" };
const bare = { properties: [{ name: "body", type: "string" }] };
const levels = (target: ReadinessTarget, subject: Parameters<typeof readinessFindings>[0] = { schema: canonicalSchema(bare) }) =>
  readinessFindings(subject, target).map((finding) => [finding.level, finding.requirement, finding.doc]);

describe("readiness findings", () => {
  test("for Copilot, only the title, url and iconUrl labels (and a schema) are required; the rest is recommended", () => {
    expect(levels("copilot")).toEqual([
      ["required", "schema", CONNECTION_STATES_DOC],
      ["required", "title label", EXPERIENCES_DOC],
      ["required", "url label", EXPERIENCES_DOC],
      ["required", "iconUrl label", EXPERIENCES_DOC],
      ["recommended", "searchable content", EXPERIENCES_DOC],
      ["recommended", "URL-to-item resolver", EXPERIENCES_DOC],
      ["recommended", "result template", EXPERIENCES_DOC],
      ["recommended", "meaningful description", EXPERIENCES_DOC],
    ]);
  });

  test("for Microsoft Search, the page requires nothing beyond a schema: labels, attributes and templates help", () => {
    expect(levels("search")).toEqual([
      ["required", "schema", CONNECTION_STATES_DOC],
      ["recommended", "title label", EXPERIENCES_DOC],
      ["recommended", "url label", EXPERIENCES_DOC],
      ["recommended", "searchable content", EXPERIENCES_DOC],
      ["recommended", "result template", EXPERIENCES_DOC],
    ]);
  });

  test("for a declarative agent, Copilot's findings and the itemPath, containerName and containerUrl labels, citing the manifest", () => {
    const agent = readinessFindings({ schema: canonicalSchema(bare) }, "agent");
    expect(agent.filter((finding) => finding.level !== "agent").map((finding) => finding.requirement)).toEqual(
      readinessFindings({ schema: canonicalSchema(bare) }, "copilot").map((finding) => finding.requirement),
    );
    expect(
      agent.filter((finding) => finding.level === "agent").map((finding) => [finding.requirement, finding.detail, finding.doc]),
    ).toEqual([
      [
        "itemPath label",
        "label a property 'itemPath' so a declarative agent can scope the connection with items_by_path",
        AGENT_MANIFEST_DOC,
      ],
      [
        "containerName label",
        "label a property 'containerName' so a declarative agent can scope the connection with items_by_container_name",
        AGENT_MANIFEST_DOC,
      ],
      [
        "containerUrl label",
        "label a property 'containerUrl' so a declarative agent can scope the connection with items_by_container_url",
        AGENT_MANIFEST_DOC,
      ],
    ]);
  });

  test.each(["copilot", "search", "agent"] as const)(
    "a people connector keeps its own rule for %s: a schema and the personAccount label",
    (target) => {
      expect(levels(target, { contentCategory: "people", schema: canonicalSchema(bare) })).toEqual([
        ["required", "schema", CONNECTION_STATES_DOC],
        ["required", "personAccount label", PEOPLE_DOC],
      ]);
    },
  );
});

describe("strictReadiness", () => {
  const schema = {
    properties: [
      { name: "title", type: "string", isSearchable: true, isRetrievable: true, labels: ["title"] },
      { name: "url", type: "string", isRetrievable: true, labels: ["url"] },
    ],
  };
  const check = (settings: Record<string, unknown>) =>
    checkResource("ExternalConnection", undefined, { ...connection, schema, ...settings });
  const failed = (settings: Record<string, unknown>) =>
    (check(settings).failures ?? []).map((failure) => `${failure.property}: ${failure.reason.split(": ")[2]}`);
  const warned = (settings: Record<string, unknown>) => (check(settings).warnings ?? []).map((line) => line.split(": ")[1]);

  test('"required" fails only on what the docs require, and leaves the recommendations as warnings', () => {
    expect(failed({ strictReadiness: "required" })).toEqual(["schema: iconUrl label"]);
    const ready = {
      ...schema,
      properties: [...schema.properties, { name: "icon", type: "string", isRetrievable: true, labels: ["iconUrl"] }],
    };
    const result = checkResource("ExternalConnection", undefined, { ...connection, schema: ready, strictReadiness: "required" });
    expect(result.failures).toBeUndefined();
    expect((result.warnings ?? []).map((line) => line.split(": ")[1])).toEqual([
      "URL-to-item resolver",
      "result template",
      "meaningful description",
    ]);
  });

  test('"recommended" fails on the recommendations too; true fails on every gap as in 0.2.x', () => {
    const everything = [
      "schema: iconUrl label",
      "activitySettings.urlToItemResolvers: URL-to-item resolver",
      "searchSettings.searchResultTemplates: result template",
      "description: meaningful description",
    ];
    expect(failed({ strictReadiness: "recommended" })).toEqual(everything);
    expect(failed({ strictReadiness: true })).toEqual(everything);
    expect(check({ strictReadiness: false }).failures).toBeUndefined();
  });

  test('with readiness "agent", "agent" fails on the required gaps and the agent labels and warns the recommendations; true fails on all', () => {
    expect(failed({ readiness: "agent", strictReadiness: "agent" })).toEqual([
      "schema: iconUrl label",
      "schema: itemPath label",
      "schema: containerName label",
      "schema: containerUrl label",
    ]);
    expect(failed({ readiness: "agent", strictReadiness: true })).toHaveLength(7);
    expect(warned({ readiness: "agent" })).toEqual([
      "iconUrl label",
      "URL-to-item resolver",
      "result template",
      "meaningful description",
      "itemPath label",
      "containerName label",
      "containerUrl label",
    ]);
    expect(check({ readiness: "agent" }).warnings?.at(-1)).toBe(
      "connection 'contosokb', for a declarative agent: containerUrl label: label a property " +
        `'containerUrl' so a declarative agent can scope the connection with items_by_container_url (${AGENT_MANIFEST_DOC})`,
    );
  });

  test.each([
    [
      { strictReadiness: "agent" },
      "strictReadiness 'agent' applies only with readiness 'agent', the target that reports the labels a declarative agent scopes by",
    ],
    [{ strictReadiness: "all" }, "strictReadiness must be true, false or one of required, recommended, agent"],
    [{ strictReadiness: 1 }, "strictReadiness must be a boolean or a string, not 1"],
  ])("refuses %j by its path, before any request", (settings, reason) => {
    expect(check(settings).failures).toEqual([{ property: "strictReadiness", reason }]);
  });
});
