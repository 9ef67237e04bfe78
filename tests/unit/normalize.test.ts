import { checkResource } from "../../provider/engine/check";
import { canonicalSchema, withoutServerAddedAliases } from "../../model/schema";
import { ITEM_ID_RESOLVER_TYPE, sameField } from "../../provider/resources/externalConnection/normalize";

const card = { type: "AdaptiveCard", version: "1.3", body: [] };

describe("connection field normal form", () => {
  test.each([
    ["description", null, undefined],
    ["description", "", null],
    ["configuration", { authorizedAppIds: ["B-ID", "a-id"] }, { authorizedAppIds: ["a-id", "b-id"] }],
    [
      "searchSettings",
      { searchResultTemplates: [{ id: "t1", priority: 1, layout: card }] },
      { searchResultTemplates: [{ id: "t1", priority: 1, layout: card, rules: [] }] },
    ],
    [
      "activitySettings",
      { urlToItemResolvers: [{ priority: 1, itemId: "{x}" }] },
      { urlToItemResolvers: [{ "@odata.type": ITEM_ID_RESOLVER_TYPE, priority: 1, itemId: "{x}" }] },
    ],
  ])("treats %s %j like %j", (field, a, b) => {
    expect(sameField(field, a, b)).toBe(true);
  });

  test("still sees real differences", () => {
    expect(
      sameField(
        "searchSettings",
        { searchResultTemplates: [{ id: "t1", priority: 1, layout: card }] },
        { searchResultTemplates: [{ id: "t1", priority: 2, layout: card }] },
      ),
    ).toBe(false);
    expect(sameField("configuration", { authorizedAppIds: ["a"] }, { authorizedAppIds: ["a", "b"] })).toBe(false);
  });

  test("check spells out the resolver type Graph needs", () => {
    const result = checkResource("ExternalConnection", undefined, {
      connectionId: "contosohr",
      name: "HR",
      activitySettings: {
        urlToItemResolvers: [
          { priority: 1, itemId: "{slug}", urlMatchInfo: { baseUrls: ["https://hr.contoso.com"], urlPattern: "/a/(?<slug>.+)" } },
        ],
      },
    });
    expect(result.inputs?.activitySettings?.urlToItemResolvers?.[0]["@odata.type"]).toBe(ITEM_ID_RESOLVER_TYPE);
  });
});

describe("withoutServerAddedAliases", () => {
  const declared = canonicalSchema({
    properties: [
      { name: "category", type: "string", isRefinable: true, aliases: ["kind"] },
      { name: "title", type: "string" },
    ],
  });

  test("hides aliases Graph added beside the declared ones", () => {
    const registered = canonicalSchema({
      properties: [
        { name: "category", type: "string", isRefinable: true, aliases: ["kind", "categoryRefiner"] },
        { name: "title", type: "string", aliases: ["headline"] },
      ],
    });
    expect(withoutServerAddedAliases(registered, declared)).toEqual(
      canonicalSchema({
        properties: [
          { name: "category", type: "string", isRefinable: true, aliases: ["kind"] },
          { name: "title", type: "string" },
        ],
      }),
    );
  });

  test("keeps the registered aliases when a declared one is missing, which is real drift", () => {
    const registered = canonicalSchema({
      properties: [
        { name: "category", type: "string", isRefinable: true, aliases: ["other"] },
        { name: "title", type: "string" },
      ],
    });
    expect(withoutServerAddedAliases(registered, declared).properties[0].aliases).toEqual(["other"]);
  });
});
