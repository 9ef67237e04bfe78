import { checkResource } from "../../provider/engine/check";
import { externalConnectionHandler } from "../../provider/resources/externalConnection/handler";
import { ExternalConnectionOutputs } from "../../provider/resources/externalConnection/types";
import { externalGroupHandler } from "../../provider/resources/externalGroup/handler";
import { externalGroupMemberHandler } from "../../provider/resources/externalGroup/memberHandler";
import { UNKNOWN } from "../../provider/resources/values";
import { canonicalSchema } from "../../model/schema";
import { TITLE_SCHEMA, USER_1 } from "../helpers/harness";

const connection = { connectionId: "contosohr", name: "Contoso HR" };
const card = { type: "AdaptiveCard", version: "1.3", body: [] };

describe("ExternalConnection check", () => {
  test.each([
    [{ connectionId: "contoso-hr" }, "connectionId", "connectionId must be 3-32 characters, letters and digits only"],
    [{ connectionId: "hr" }, "connectionId", "connectionId must be 3-32 characters, letters and digits only"],
    [{ connectionId: "MicrosoftHR" }, "connectionId", "connectionId must not begin with 'Microsoft'"],
    [{ connectionId: "sharepoint" }, "connectionId", "connectionId 'sharepoint' is reserved by Microsoft 365"],
    [{ name: "" }, "name", "name is required"],
    [{ name: "n".repeat(129) }, "name", "name must be at most 128 characters, not 129"],
    [
      { configuration: { authorizedAppIds: ["not-a-guid"] } },
      "configuration.authorizedAppIds",
      "configuration.authorizedAppIds must be a list of Entra application (client) ids (GUIDs)",
    ],
    [
      { contentCategory: "wiki" },
      "contentCategory",
      expect.stringContaining("contentCategory must be one of uncategorized, knowledgeBase"),
    ],
    [
      {
        searchSettings: {
          searchResultTemplates: [
            { id: "t1", priority: 1, layout: card },
            { id: "t2", priority: 2, layout: card },
            { id: "t3", priority: 3, layout: card },
          ],
        },
      },
      "searchSettings.searchResultTemplates",
      "searchSettings.searchResultTemplates at most 2 templates per connection, not 3",
    ],
    [
      { searchSettings: { searchResultTemplates: [{ id: "template-one", priority: 0, layout: card }] } },
      "searchSettings.searchResultTemplates[0].id",
      "searchSettings.searchResultTemplates[0].id must be 1-16 letters and digits",
    ],
    [
      { searchSettings: { searchResultTemplates: [{ id: "t1", priority: 1, layout: { type: "Card" } }] } },
      "searchSettings.searchResultTemplates[0].layout",
      "searchSettings.searchResultTemplates[0].layout layout.type must be 'AdaptiveCard' (Graph would create the connection without this template and answer 503)",
    ],
    [
      {
        activitySettings: {
          urlToItemResolvers: [{ priority: 1, itemId: "{id}", urlMatchInfo: { baseUrls: ["https://x"], urlPattern: "(" } }],
        },
      },
      "activitySettings.urlToItemResolvers[0].urlMatchInfo.urlPattern",
      "activitySettings.urlToItemResolvers[0].urlMatchInfo.urlPattern must be a valid regular expression",
    ],
    [
      { schema: { properties: [{ name: "a b", type: "string" }] } },
      "schema.properties[0].name",
      "schema.properties[0].name 'a b' must be 1-32 letters and digits",
    ],
    [{ schemaTimeoutSeconds: 0 }, "schemaTimeoutSeconds", "schemaTimeoutSeconds must be a positive number of seconds"],
  ])("refuses %j at %s", (overrides, property, reason) => {
    const result = checkResource("ExternalConnection", undefined, { ...connection, ...overrides, __provider: "x" });
    expect(result.inputs).toBeUndefined();
    expect(result.failures).toContainEqual({ property, reason });
  });

  // Regressions (issue 7, 2.5): what the metadata and the docs allow.
  test.each([
    [
      "a template priority of 0 (the docs' own sample)",
      { searchSettings: { searchResultTemplates: [{ id: "t1", priority: 0, layout: card }] } },
    ],
    ["a resolver without priority or urlMatchInfo (both nullable)", { activitySettings: { urlToItemResolvers: [{ itemId: "{id}" }] } }],
  ])("accepts %s", (_what, overrides) => {
    expect(checkResource("ExternalConnection", undefined, { ...connection, ...overrides }).failures).toBeUndefined();
  });

  test("refuses a third eDiscovery template", () => {
    const edCard = { type: "AdaptiveCard", version: "1.2", body: [] };
    const templates = [1, 2, 3].map((priority) => ({ id: `ed${priority}`, priority, layout: edCard }));
    expect(
      checkResource("ExternalConnection", undefined, { ...connection, complianceSettings: { eDiscoveryResultTemplates: templates } })
        .failures,
    ).toEqual([
      {
        property: "complianceSettings.eDiscoveryResultTemplates",
        reason: "complianceSettings.eDiscoveryResultTemplates at most 2 templates per connection, not 3",
      },
    ]);
  });

  test("returns the inputs without __provider and with a canonical schema", () => {
    const result = checkResource("ExternalConnection", undefined, {
      ...connection,
      schema: TITLE_SCHEMA,
      __provider: "x",
      readiness: "none",
    });
    expect(result).toEqual({ inputs: { ...connection, schema: canonicalSchema(TITLE_SCHEMA), readiness: "none" } });
  });

  test("warns, one line per gap with its level and the docs link, when the connection is not ready for Copilot", () => {
    const warnings = checkResource("ExternalConnection", undefined, { ...connection, schema: TITLE_SCHEMA }).warnings ?? [];
    expect(warnings).toEqual([
      expect.stringMatching(
        /^connection 'contosohr', required for Microsoft 365 Copilot: iconUrl label: .*\(https:\/\/learn\.microsoft\.com\/graph\/connecting-external-content-experiences\)$/,
      ),
      expect.stringContaining("recommended for Microsoft 365 Copilot: URL-to-item resolver"),
      expect.stringContaining("recommended for Microsoft 365 Copilot: result template"),
      expect.stringContaining("recommended for Microsoft 365 Copilot: meaningful description"),
    ]);
    // For search, nothing is required beyond a schema, and iconUrl, resolvers and the description are not named; `none` checks nothing.
    expect(
      (checkResource("ExternalConnection", undefined, { ...connection, schema: TITLE_SCHEMA, readiness: "search" }).warnings ?? []).map(
        (line) => line.split(": ").slice(0, 2).join(": "),
      ),
    ).toEqual(["connection 'contosohr', recommended for Microsoft Search: result template"]);
    expect(
      checkResource("ExternalConnection", undefined, { ...connection, schema: TITLE_SCHEMA, readiness: "none" }).warnings,
    ).toBeUndefined();
  });

  test("strictReadiness: true keeps failing on every gap, as in 0.2.x, each at the input it is about; a bad target fails", () => {
    const result = checkResource("ExternalConnection", undefined, { ...connection, schema: TITLE_SCHEMA, strictReadiness: true });
    expect(result.failures?.map((failure) => [failure.property, failure.reason.split(": ").slice(0, 3).join(": ")])).toEqual([
      ["schema", "schema fails strictReadiness: required for Microsoft 365 Copilot: iconUrl label"],
      [
        "activitySettings.urlToItemResolvers",
        "activitySettings.urlToItemResolvers fails strictReadiness: recommended for Microsoft 365 Copilot: URL-to-item resolver",
      ],
      [
        "searchSettings.searchResultTemplates",
        "searchSettings.searchResultTemplates fails strictReadiness: recommended for Microsoft 365 Copilot: result template",
      ],
      ["description", "description fails strictReadiness: recommended for Microsoft 365 Copilot: meaningful description"],
    ]);
    expect(checkResource("ExternalConnection", undefined, { ...connection, readiness: "teams" }).failures).toEqual([
      { property: "readiness", reason: "readiness must be one of copilot, search, agent, none" },
    ]);
  });

  test("skips values that are unknown during preview", () => {
    expect(
      checkResource("ExternalConnection", undefined, { connectionId: UNKNOWN, name: UNKNOWN, schema: UNKNOWN }).failures,
    ).toBeUndefined();
  });
});

describe("ExternalConnection diff", () => {
  const olds: ExternalConnectionOutputs = { ...connection, description: "d", schema: canonicalSchema(TITLE_SCHEMA), state: "ready" };
  const news = { ...connection, description: "d", schema: canonicalSchema(TITLE_SCHEMA) };

  test("reports no changes for equal inputs", () => {
    expect(externalConnectionHandler.diff("contosohr", olds, news)).toEqual({ changes: false, replaces: [], deleteBeforeReplace: false });
  });

  test("reads state written before beta-only fields were left out of the canonical schema as no change", () => {
    // Releases up to 0.1.0 stored `isExactMatchRequired: false` on every property (and sent it to v1.0).
    const legacy = {
      ...olds,
      schema: { ...olds.schema!, properties: olds.schema!.properties.map((property) => ({ ...property, isExactMatchRequired: false })) },
    };
    expect(externalConnectionHandler.diff("contosohr", legacy as ExternalConnectionOutputs, news)).toEqual({
      changes: false,
      replaces: [],
      deleteBeforeReplace: false,
    });
  });

  test.each([
    ["name", { name: "HR" }],
    ["description", { description: "other" }],
    [
      "an added schema property",
      { schema: canonicalSchema({ properties: [...TITLE_SCHEMA.properties, { name: "owner", type: "string" }] }) },
    ],
    // Regression (issue 7, 2.3): the docs allow a *new* property to be refinable; this used to replace the connection.
    [
      "an added refinable property",
      {
        schema: canonicalSchema({
          properties: [...TITLE_SCHEMA.properties, { name: "team", type: "string", isQueryable: true, isRefinable: true }],
        }),
      },
    ],
  ])("updates in place for %s", (_what, change) => {
    expect(externalConnectionHandler.diff("contosohr", olds, { ...news, ...change })).toEqual({
      changes: true,
      replaces: [],
      deleteBeforeReplace: false,
    });
  });

  test.each([
    ["connectionId", { connectionId: "contosohr2" }, false],
    ["connectorId", { connectorId: "teams-app" }, true],
    ["schema", { schema: canonicalSchema({ properties: [TITLE_SCHEMA.properties[0]] }) }, true],
    [
      "schema",
      {
        schema: canonicalSchema({ properties: [{ ...TITLE_SCHEMA.properties[1], type: "stringCollection" }, TITLE_SCHEMA.properties[0]] }),
      },
      true,
    ],
    ["schema", { schema: undefined }, true],
    [
      "schema",
      { schema: canonicalSchema({ properties: [TITLE_SCHEMA.properties[0], { ...TITLE_SCHEMA.properties[1], isRefinable: true }] }) },
      true,
    ],
    ["connectionId", { connectionId: UNKNOWN }, false],
  ])("replaces for a change of %s (delete first: %s), warning that ingested items are lost", (key, change, deleteBeforeReplace) => {
    expect(externalConnectionHandler.diff("contosohr", olds, { ...news, ...change })).toEqual({
      changes: true,
      replaces: [key],
      deleteBeforeReplace,
      warnings: [
        expect.stringMatching(
          /^connection 'contosohr' will be replaced \(.+\): replacing the connection deletes it with every ingested item; the new connection starts empty and must be re-ingested$/,
        ),
      ],
    });
  });
});

describe("ExternalGroup and ExternalGroupMember check and diff", () => {
  const group = { connectionId: "contosohr", groupId: "sales", displayName: "Sales" };

  test.each([
    [{ groupId: "sales-team" }, "groupId", "groupId must be 1-128 letters and digits"],
    [{ members: [{ id: "not-a-guid", type: "user" }] }, "members[0].id", "members[0].id 'not-a-guid' is not an Entra object id (a GUID)"],
    [{ members: [{ id: "x", type: "robot" }] }, "members[0].type", "members[0].type must be one of user, group, externalGroup"],
    [
      {
        members: [
          { id: USER_1, type: "user" },
          { id: USER_1, type: "user" },
        ],
      },
      "members[1].id",
      `members[1].id '${USER_1}' is listed twice`,
    ],
    [
      { members: [{ id: "team-1", type: "externalGroup" }] },
      "members[0].id",
      "members[0].id must be 1-128 letters and digits (an external group id)",
    ],
  ])("refuses %j", (overrides, property, reason) => {
    expect(checkResource("ExternalGroup", undefined, { ...group, ...overrides }).failures).toContainEqual({ property, reason });
  });

  test("treats members as a set: a reordered list is no change", () => {
    const two = [
      { id: USER_1, type: "user" as const },
      { id: "partners", type: "externalGroup" as const },
    ];
    expect(externalGroupHandler.diff("contosohr/sales", { ...group, members: two }, { ...group, members: [...two].reverse() })).toEqual({
      changes: false,
      replaces: [],
      deleteBeforeReplace: false,
    });
    expect(externalGroupHandler.diff("contosohr/sales", { ...group, members: two }, { ...group, members: [two[0]] }).changes).toBe(true);
    expect(externalGroupHandler.diff("contosohr/sales", { ...group, members: [] }, group).changes).toBe(true);
  });

  test("unconfirmed members (a lost answer) are a change until a run settles them, whatever the program says", () => {
    const member = { id: USER_1, type: "user" as const };
    expect(
      externalGroupHandler.diff("contosohr/sales", { ...group, members: [], unconfirmedMembers: [member] }, { ...group, members: [] })
        .changes,
    ).toBe(true);
    expect(
      externalGroupHandler.diff("contosohr/sales", { ...group, members: [], unconfirmedMembers: [member] }, { ...group, members: [member] })
        .changes,
    ).toBe(true);
    expect(externalGroupHandler.diff("contosohr/sales", { ...group, members: [member] }, { ...group, members: [member] }).changes).toBe(
      false,
    );
  });

  test("updates members in place and replaces for a new groupId", () => {
    expect(externalGroupHandler.diff("contosohr/sales", group, { ...group, members: [{ id: USER_1, type: "user" }] })).toEqual({
      changes: true,
      replaces: [],
      deleteBeforeReplace: false,
    });
    expect(externalGroupHandler.diff("contosohr/sales", group, { ...group, groupId: "sales2" })).toEqual({
      changes: true,
      replaces: ["groupId"],
      deleteBeforeReplace: false,
    });
  });

  test("replaces a member for any change", () => {
    const member = { connectionId: "contosohr", groupId: "sales", memberId: USER_1, memberType: "user" as const };
    expect(checkResource("ExternalGroupMember", undefined, { ...member, memberType: "robot" }).failures).toEqual([
      { property: "memberType", reason: "memberType must be one of user, group, externalGroup" },
    ]);
    expect(externalGroupMemberHandler.diff("x", member, { ...member, memberType: "group" })).toEqual({
      changes: true,
      replaces: ["memberType"],
      deleteBeforeReplace: true,
    });
  });
});
