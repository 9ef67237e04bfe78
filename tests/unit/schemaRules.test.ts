import { breakingSchemaChanges, canonicalSchema, sameSchema, schemaProblems } from "../../provider/model/schema";

const property = (overrides: Record<string, unknown>) => ({ name: "title", type: "string", isRetrievable: true, ...overrides });
const schema = (...properties: Array<Record<string, unknown>>) => ({ baseType: "microsoft.graph.externalItem", properties });

describe("schemaProblems", () => {
  test("accepts a valid schema, including doc-style string booleans and capitalised types", () => {
    expect(schemaProblems(schema({ name: "title", type: "String", isSearchable: "true", isRetrievable: "true", labels: ["title"] }))).toEqual([]);
  });

  test.each([
    ["a wrong baseType", { baseType: "microsoft.graph.externalConnector.externalItem", properties: [property({})] }, "schema.baseType", "must be 'microsoft.graph.externalItem'"],
    ["no properties", schema(), "schema.properties", "must hold 1-128 properties, not 0"],
    ["129 properties", schema(...Array.from({ length: 129 }, (_, i) => property({ name: `p${i}` }))), "schema.properties", "must hold 1-128 properties, not 129"],
    ["a name with a hyphen", schema(property({ name: "last-name" })), "schema.properties[0].name", "'last-name' must be 1-32 letters and digits"],
    ["a 33-character name", schema(property({ name: "a".repeat(33) })), "schema.properties[0].name", `'${"a".repeat(33)}' must be 1-32 letters and digits`],
    ["a duplicate name", schema(property({}), property({ name: "Title" })), "schema.properties[1].name", "'Title' is declared twice (also properties[0])"],
    ["an unknown type", schema(property({ type: "text" })), "schema.properties[0].type", "'text' is not one of string, int64, double, dateTime, boolean, stringCollection, int64Collection, doubleCollection, dateTimeCollection, principal, principalCollection"],
    ["a searchable number", schema(property({ type: "int64", isSearchable: true })), "schema.properties[0].isSearchable", "only string and stringCollection properties can be searchable, not int64"],
    ["searchable and refinable", schema(property({ isSearchable: true, isRefinable: true })), "schema.properties[0].isRefinable", "a property cannot be both refinable and searchable"],
    ["a refinable boolean", schema(property({ type: "boolean", isRefinable: true })), "schema.properties[0].isRefinable", "boolean properties cannot be refinable"],
    ["exact match on a searchable property", schema(property({ isSearchable: true, isExactMatchRequired: true })), "schema.properties[0].isExactMatchRequired", "only non-searchable string or stringCollection properties can require an exact match"],
    ["an unknown label", schema(property({ labels: ["heading"] })), "schema.properties[0].labels", "'heading' is not a known label"],
    ["a label on the wrong type", schema(property({ type: "int64", labels: ["title"] })), "schema.properties[0].labels", "label 'title' needs a string property, not int64"],
    ["one label on two properties", schema(property({ labels: ["title"] }), property({ name: "name", labels: ["title"] })), "schema.properties[1].labels", "label 'title' is already on property 'title'; each label maps to one property"],
    ["a labelled property that is not retrievable", schema(property({ isRetrievable: false, labels: ["title"] })), "schema.properties[0].isRetrievable", "a labelled property must be retrievable"],
    ["a bad alias", schema(property({ aliases: ["sub title"] })), "schema.properties[0].aliases", "alias 'sub title' must be 1-32 letters and digits"],
    ["a 201-character description", schema(property({ description: "d".repeat(201) })), "schema.properties[0].description", "must be at most 200 characters"],
  ])("reports %s", (_what, input, path, reason) => {
    expect(schemaProblems(input)).toContainEqual({ path, reason });
  });
});

describe("breakingSchemaChanges", () => {
  const current = canonicalSchema(schema(property({ isSearchable: true }), property({ name: "views", type: "int64", isQueryable: true })));

  test("allows additive changes: new properties, search attributes, aliases and labels", () => {
    const next = canonicalSchema(schema(
      property({ isSearchable: false, isQueryable: true, aliases: ["heading"], labels: ["title"] }),
      property({ name: "views", type: "int64" }),
      property({ name: "owner", isRetrievable: true }),
    ));
    expect(breakingSchemaChanges(current, next)).toEqual([]);
  });

  test("reports removals, type changes and added refinable attributes", () => {
    const next = canonicalSchema(schema(property({ type: "stringCollection", isRefinable: true }), property({ name: "tags", type: "stringCollection", isRefinable: true })));
    expect(breakingSchemaChanges(current, next)).toEqual([
      "property 'title' changes type from string to stringCollection",
      "property 'title' becomes refinable",
      "property 'views' is removed",
      "new property 'tags' is refinable, which cannot be added in a schema update",
    ]);
  });

  test("compares schemas regardless of property and key order", () => {
    const reordered = { baseType: current.baseType, properties: [...current.properties].reverse().map((p) => Object.fromEntries(Object.entries(p).reverse())) };
    expect(sameSchema(current, canonicalSchema(reordered))).toBe(true);
  });
});
