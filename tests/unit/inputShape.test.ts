/** Preview refuses what it does not understand (issue 8, section 3): each case listed in the issue. */
import { checkResource } from "../../provider/engine/check";
import { shown } from "../../provider/resources/inputShape";
import { UNKNOWN } from "../../provider/resources/values";
import { USER_1 } from "../helpers/harness";

const connection = { connectionId: "contosohr", name: "Contoso HR" };
const property = { name: "title", type: "string", isRetrievable: true };
const group = { connectionId: "contosohr", groupId: "sales" };

test.each([
  [
    "an unknown field on a connection",
    "ExternalConnection",
    { ...connection, foo: 1 },
    "foo",
    "foo is not an input of this resource (known: connectionId, name, description, connectorId, contentCategory, enabledContentExperiences, configuration, searchSettings, complianceSettings, activitySettings, schema, adoptExisting, schemaTimeoutSeconds, deleteTimeoutSeconds, readiness, strictReadiness, reportUsage)",
  ],
  [
    "isSortable on a schema property",
    "ExternalConnection",
    { ...connection, schema: { properties: [{ ...property, isSortable: true }] } },
    "schema.properties[0].isSortable",
    "schema.properties[0].isSortable is not an input of this resource (known: name, type, isSearchable, isQueryable, isRetrievable, isRefinable, isExactMatchRequired, labels, aliases, description, rankingHint)",
  ],
  [
    "the typo isSearchabel",
    "ExternalConnection",
    { ...connection, schema: { properties: [{ ...property, isSearchabel: true }] } },
    "schema.properties[0].isSearchabel",
    "schema.properties[0].isSearchabel is not an input of this resource; did you mean 'isSearchable'?",
  ],
  [
    'isSearchable: "yes"',
    "ExternalConnection",
    { ...connection, schema: { properties: [{ ...property, isSearchable: "yes" }] } },
    "schema.properties[0].isSearchable",
    "schema.properties[0].isSearchable must be a boolean, not 'yes'",
  ],
  [
    "isQueryable: 1",
    "ExternalConnection",
    { ...connection, schema: { properties: [{ ...property, isQueryable: 1 }] } },
    "schema.properties[0].isQueryable",
    "schema.properties[0].isQueryable must be a boolean, not 1",
  ],
  [
    "a number as connectionId",
    "ExternalConnection",
    { ...connection, connectionId: 42 },
    "connectionId",
    "connectionId must be a string, not 42",
  ],
  [
    "an unknown field in a result template",
    "ExternalConnection",
    { ...connection, searchSettings: { searchResultTemplates: [{ id: "t1", priority: 1, layout: {}, colour: "red" }] } },
    "searchSettings",
    "searchSettings is not a searchSettings as Graph defines it: The property 'colour' does not exist on type 'microsoft.graph.externalConnectors.displayTemplate'. Make sure to only use property names that are defined by the type or mark the type as open type.",
  ],
  [
    "owner on a group",
    "ExternalGroup",
    { ...group, owner: "me" },
    "owner",
    "owner is not an input of this resource (known: connectionId, groupId, displayName, description, adoptExisting, members)",
  ],
  [
    "role on a member",
    "ExternalGroup",
    { ...group, members: [{ id: USER_1, type: "user", role: "admin" }] },
    "members[0].role",
    "members[0].role is not an input of this resource (known: id, type)",
  ],
  [
    "memberTyp on an ExternalGroupMember",
    "ExternalGroupMember",
    { ...group, memberId: USER_1, memberTyp: "user" },
    "memberTyp",
    "memberTyp is not an input of this resource; did you mean 'memberType'?",
  ],
])("refuses %s at preview, naming the path", (_what, type, inputs, property, reason) => {
  const result = checkResource(type, undefined, inputs);
  expect(result.inputs).toBeUndefined();
  expect(result.failures).toContainEqual({ property, reason });
});

test("a huge value is shown as a short prefix with its length", () => {
  const huge = "x".repeat(100_000);
  expect(shown(huge)).toBe(`'${"x".repeat(39)}… (100002 characters)`);
  const result = checkResource("ExternalConnection", undefined, { ...connection, connectionId: 7, description: 12 });
  expect(result.failures).toEqual([
    { property: "connectionId", reason: "connectionId must be a string, not 7" },
    { property: "description", reason: "description must be a string, not 12" },
  ]);
  const long = checkResource("ExternalGroup", undefined, { ...group, displayName: ["x".repeat(100_000)] });
  expect(long.failures![0].reason.length).toBeLessThan(120);
});

test("values unknown during preview are not judged", () => {
  expect(
    checkResource("ExternalConnection", undefined, { ...connection, schema: { properties: [{ ...property, isSearchable: UNKNOWN }] } })
      .failures,
  ).toBeUndefined();
});
