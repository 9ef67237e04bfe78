/** Preview refuses what it does not understand (issue 8, section 3): each case listed in the issue. */
import { externalConnectionHandler } from "../../provider/resources/externalConnection/handler";
import { externalGroupHandler } from "../../provider/resources/externalGroup/handler";
import { externalGroupMemberHandler } from "../../provider/resources/externalGroup/memberHandler";
import { shown } from "../../provider/resources/inputShape";
import { UNKNOWN } from "../../provider/resources/values";
import { USER_1 } from "../helpers/harness";

const connection = { connectionId: "contosohr", name: "Contoso HR" };
const property = { name: "title", type: "string", isRetrievable: true };
const group = { connectionId: "contosohr", groupId: "sales" };

test.each([
  ["an unknown field on a connection", externalConnectionHandler, { ...connection, foo: 1 }, "foo", "foo is not an input of this resource (known: connectionId, name, description, connectorId, contentCategory, enabledContentExperiences, configuration, searchSettings, complianceSettings, activitySettings, schema, adoptExisting, schemaTimeoutSeconds, deleteTimeoutSeconds, readiness, strictReadiness, reportUsage)"],
  ["isSortable on a schema property", externalConnectionHandler, { ...connection, schema: { properties: [{ ...property, isSortable: true }] } }, "schema.properties[0].isSortable", "schema.properties[0].isSortable is not an input of this resource (known: name, type, isSearchable, isQueryable, isRetrievable, isRefinable, isExactMatchRequired, labels, aliases, description, rankingHint)"],
  ["the typo isSearchabel", externalConnectionHandler, { ...connection, schema: { properties: [{ ...property, isSearchabel: true }] } }, "schema.properties[0].isSearchabel", "schema.properties[0].isSearchabel is not an input of this resource; did you mean 'isSearchable'?"],
  ["isSearchable: \"yes\"", externalConnectionHandler, { ...connection, schema: { properties: [{ ...property, isSearchable: "yes" }] } }, "schema.properties[0].isSearchable", "schema.properties[0].isSearchable must be a boolean, not 'yes'"],
  ["isQueryable: 1", externalConnectionHandler, { ...connection, schema: { properties: [{ ...property, isQueryable: 1 }] } }, "schema.properties[0].isQueryable", "schema.properties[0].isQueryable must be a boolean, not 1"],
  ["a number as connectionId", externalConnectionHandler, { ...connection, connectionId: 42 }, "connectionId", "connectionId must be a string, not 42"],
  ["an unknown field in a result template", externalConnectionHandler, { ...connection, searchSettings: { searchResultTemplates: [{ id: "t1", priority: 1, layout: {}, colour: "red" }] } }, "searchSettings",
    "searchSettings is not a searchSettings as Graph defines it: The property 'colour' does not exist on type 'microsoft.graph.externalConnectors.displayTemplate'. Make sure to only use property names that are defined by the type or mark the type as open type."],
  ["owner on a group", externalGroupHandler, { ...group, owner: "me" }, "owner", "owner is not an input of this resource (known: connectionId, groupId, displayName, description, adoptExisting, members)"],
  ["role on a member", externalGroupHandler, { ...group, members: [{ id: USER_1, type: "user", role: "admin" }] }, "members[0].role", "members[0].role is not an input of this resource (known: id, type)"],
  ["memberTyp on an ExternalGroupMember", externalGroupMemberHandler, { ...group, memberId: USER_1, memberTyp: "user" }, "memberTyp", "memberTyp is not an input of this resource; did you mean 'memberType'?"],
])("refuses %s at preview, naming the path", (_what, handler, inputs, property, reason) => {
  const result = (handler as typeof externalConnectionHandler).check(undefined, inputs as never);
  expect(result.inputs).toBeUndefined();
  expect(result.failures).toContainEqual({ property, reason });
});

test("a huge value is shown as a short prefix with its length", () => {
  const huge = "x".repeat(100_000);
  expect(shown(huge)).toBe(`'${"x".repeat(39)}… (100002 characters)`);
  const result = externalConnectionHandler.check(undefined, { ...connection, connectionId: 7, description: 12 });
  expect(result.failures).toEqual([
    { property: "connectionId", reason: "connectionId must be a string, not 7" },
    { property: "description", reason: "description must be a string, not 12" },
  ]);
  const long = externalGroupHandler.check(undefined, { ...group, displayName: ["x".repeat(100_000)] });
  expect(long.failures![0].reason.length).toBeLessThan(120);
});

test("values unknown during preview are not judged", () => {
  expect(externalConnectionHandler.check(undefined, { ...connection, schema: { properties: [{ ...property, isSearchable: UNKNOWN }] } }).failures).toBeUndefined();
});
