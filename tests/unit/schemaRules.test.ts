import { breakingSchemaChanges, canonicalSchema, sameSchema, schemaApiVersion, schemaProblems } from "../../model/schema";

const property = (overrides: Record<string, unknown>) => ({ name: "title", type: "string", isRetrievable: true, ...overrides });
const schema = (...properties: Array<Record<string, unknown>>) => ({ baseType: "microsoft.graph.externalItem", properties });

describe("schemaProblems", () => {
  test("accepts a valid schema, including doc-style string booleans and capitalised types", () => {
    expect(
      schemaProblems(schema({ name: "title", type: "String", isSearchable: "true", isRetrievable: "true", labels: ["title"] })),
    ).toEqual([]);
  });

  test.each([
    [
      "a wrong baseType",
      { baseType: "microsoft.graph.externalConnector.externalItem", properties: [property({})] },
      "schema.baseType",
      "must be 'microsoft.graph.externalItem'",
    ],
    ["no properties", schema(), "schema.properties", "must hold 1-128 properties, not 0"],
    [
      "129 properties",
      schema(...Array.from({ length: 129 }, (_, i) => property({ name: `p${i}` }))),
      "schema.properties",
      "must hold 1-128 properties, not 129",
    ],
    [
      "a name with a hyphen",
      schema(property({ name: "last-name" })),
      "schema.properties[0].name",
      "'last-name' must be 1-32 letters and digits",
    ],
    [
      "a 33-character name",
      schema(property({ name: "a".repeat(33) })),
      "schema.properties[0].name",
      `'${"a".repeat(33)}' must be 1-32 letters and digits`,
    ],
    [
      "a duplicate name",
      schema(property({}), property({ name: "Title" })),
      "schema.properties[1].name",
      "'Title' is declared twice (also properties[0])",
    ],
    [
      "an unknown type",
      schema(property({ type: "text" })),
      "schema.properties[0].type",
      "'text' is not one of string, int64, double, dateTime, boolean, stringCollection, int64Collection, doubleCollection, dateTimeCollection, principal, principalCollection",
    ],
    [
      "a searchable number",
      schema(property({ type: "int64", isSearchable: true })),
      "schema.properties[0].isSearchable",
      "only string and stringCollection properties can be searchable, not int64",
    ],
    [
      "searchable and refinable",
      schema(property({ isSearchable: true, isRefinable: true })),
      "schema.properties[0].isRefinable",
      "a property cannot be both refinable and searchable",
    ],
    [
      "a refinable boolean",
      schema(property({ type: "boolean", isRefinable: true })),
      "schema.properties[0].isRefinable",
      "boolean properties cannot be refinable",
    ],
    [
      "exact match on a searchable property",
      schema(property({ isSearchable: true, isExactMatchRequired: true })),
      "schema.properties[0].isExactMatchRequired",
      "only non-searchable string or stringCollection properties can require an exact match",
    ],
    [
      "an unknown label",
      schema(property({ labels: ["heading"] })),
      "schema.properties[0].labels",
      "'heading' is not a label Graph knows (see the label enum of the schema docs)",
    ],
    // Regression (issue 7, 2.4): the older docs' names are not in the metadata's label enum.
    [
      "the old label assignedTo",
      schema(property({ labels: ["assignedTo"] })),
      "schema.properties[0].labels",
      "'assignedTo' is not a label Graph knows (did you mean 'assignedToPeople'?)",
    ],
    [
      "the old label numReactions",
      schema(property({ type: "int64", labels: ["numReactions"] })),
      "schema.properties[0].labels",
      "'numReactions' is not a label Graph knows (did you mean 'numberOfReactions'?)",
    ],
    [
      "a person label on the type the people-data page does not give it",
      schema(property({ name: "account", type: "stringCollection", labels: ["personAccount"] })),
      "schema.properties[0].labels",
      "label 'personAccount' needs a string property, not stringCollection (build-connectors-with-people-data)",
    ],
    [
      "an unknown importance score",
      schema(property({ rankingHint: { importanceScore: "critical" } })),
      "schema.properties[0].rankingHint.importanceScore",
      "must be one of low, medium, high, veryHigh",
    ],
    [
      "one label on two properties",
      schema(property({ labels: ["title"] }), property({ name: "name", labels: ["title"] })),
      "schema.properties[1].labels",
      "label 'title' is already on property 'title'; each label maps to one property",
    ],
    [
      "a labelled property that is not retrievable",
      schema(property({ isRetrievable: false, labels: ["title"] })),
      "schema.properties[0].isRetrievable",
      "a labelled property must be retrievable",
    ],
    [
      "a bad alias",
      schema(property({ aliases: ["sub title"] })),
      "schema.properties[0].aliases",
      "alias 'sub title' must be 1-32 letters and digits",
    ],
    [
      "a 201-character description",
      schema(property({ description: "d".repeat(201) })),
      "schema.properties[0].description",
      "must be at most 200 characters",
    ],
  ])("reports %s", (_what, input, path, reason) => {
    expect(schemaProblems(input)).toContainEqual({ path, reason });
  });
});

describe("labels and types as the metadata has them (issue 7, 2.4)", () => {
  test.each([
    [
      "assignedToPeople on a principalCollection",
      property({ name: "assignees", type: "principalCollection", labels: ["assignedToPeople"] }),
    ],
    ["numberOfReactions on an int64", property({ name: "reactions", type: "int64", labels: ["numberOfReactions"] })],
    ["priorityNormalized on a double", property({ name: "prio", type: "double", labels: ["priorityNormalized"] })],
    ["createdBy on a principal", property({ name: "creator", type: "principal", labels: ["createdBy"] })],
    ["personAccount on a string", property({ name: "account", type: "string", labels: ["personAccount"] })],
    ["personSkills on a stringCollection", property({ name: "skills", type: "stringCollection", labels: ["personSkills"] })],
    ["a description of 200 characters", property({ description: "d".repeat(200) })],
  ])("accepts %s", (_what, input) => {
    expect(schemaProblems(schema(input))).toEqual([]);
  });

  test("accepts every one of the 25 person labels", () => {
    const people = [
      "personEmails",
      "personAddresses",
      "personAnniversaries",
      "personName",
      "personNote",
      "personPhones",
      "personCurrentPosition",
      "personWebAccounts",
      "personWebSite",
      "personSkills",
      "personProjects",
      "personAccount",
      "personAwards",
      "personCertifications",
      "personAssistants",
      "personColleagues",
      "personManager",
      "personAlternateContacts",
      "personEmergencyContacts",
      "personEducationalActivities",
      "personInterests",
      "personLanguages",
      "personPublications",
      "personPatents",
      "personWorkPositions",
    ];
    const typed = people.map((label, index) =>
      property({
        name: `p${index}`,
        type: ["personAccount", "personName", "personCurrentPosition", "personNote", "personWebSite"].includes(label)
          ? "string"
          : "stringCollection",
        labels: [label],
      }),
    );
    expect(schemaProblems(schema(...typed))).toEqual([]);
  });
});

describe("canonical form per API version (issue 7, 2.2)", () => {
  test("holds beta-only fields only when set, and routes such a schema through beta", () => {
    const plain = canonicalSchema(schema(property({})));
    expect(plain.properties[0]).not.toHaveProperty("isExactMatchRequired");
    expect(plain.properties[0]).not.toHaveProperty("rankingHint");
    expect(schemaApiVersion(plain)).toBe("v1.0");
    expect(schemaApiVersion(canonicalSchema(schema(property({ isExactMatchRequired: true }))))).toBe("beta");
    expect(schemaApiVersion(canonicalSchema(schema(property({ rankingHint: { importanceScore: "high" } }))))).toBe("beta");
  });
});

describe("breakingSchemaChanges", () => {
  const current = canonicalSchema(schema(property({ isSearchable: true }), property({ name: "views", type: "int64", isQueryable: true })));

  test("allows additive changes: new properties, search attributes, aliases and labels", () => {
    const next = canonicalSchema(
      schema(
        property({ isSearchable: false, isQueryable: true, aliases: ["heading"], labels: ["title"] }),
        property({ name: "views", type: "int64" }),
        property({ name: "owner", isRetrievable: true }),
      ),
    );
    expect(breakingSchemaChanges(current, next)).toEqual([]);
  });

  test("reports removals, type changes and existing properties becoming refinable, but not new refinable properties", () => {
    const next = canonicalSchema(
      schema(
        property({ type: "stringCollection", isRefinable: true }),
        property({ name: "tags", type: "stringCollection", isRefinable: true }),
      ),
    );
    expect(breakingSchemaChanges(current, next)).toEqual([
      "property 'title' changes type from string to stringCollection",
      "existing property 'title' becomes refinable",
      "property 'views' is removed",
    ]);
  });

  test("compares schemas regardless of property and key order", () => {
    const reordered = {
      baseType: current.baseType,
      properties: [...current.properties].reverse().map((p) => Object.fromEntries(Object.entries(p).reverse())),
    };
    expect(sameSchema(current, canonicalSchema(reordered))).toBe(true);
  });
});
