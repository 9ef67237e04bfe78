/**
 * People connectors at preview, each rule from its page: the people-data page's schema rules
 * (MicrosoftDocs/m365copilot-docs docs/build-connectors-with-people-data.md, 2026-07-20), the profile source's
 * HTTPS link, the global-only people settings, the precedence list's entry forms and what a placement means.
 * No request is made: these are `check`, `diff` and the pure placement functions.
 */
import { ENTRA_SOURCE_ID, profileSourceUrl, sourceIdOfEntry, withBuiltInSource } from "../../model/people";
import { canonicalSchema, schemaProblems } from "../../model/schema";
import { checkResource } from "../../provider/engine/check";
import { isPlaced, placed } from "../../provider/resources/people/placement";
import { profileSourcePriorityHandler } from "../../provider/resources/people/profileSourcePriority";
import { UNKNOWN } from "../../provider/resources/values";

const G = "https://graph.microsoft.com";
const url = (sourceId: string, root = G, version = "v1.0") => profileSourceUrl(root, sourceId, version);
const ENTRA = url(ENTRA_SOURCE_ID);

/** The people-data page's "Example schema", verbatim. */
const PEOPLE_DATA_EXAMPLE_SCHEMA = {
  baseType: "microsoft.graph.externalItem",
  properties: [
    {
      name: "accountInformation",
      type: "string",
      labels: ["personAccount"],
    },
    {
      name: "position",
      type: "string",
      labels: ["personCurrentPosition"],
    },
    {
      name: "skills",
      type: "stringCollection",
      labels: ["personSkills"],
    },
    {
      name: "requisitionId",
      type: "string",
      description: "The user's requisition ID",
    },
  ],
};

const people = (schema: unknown) =>
  checkResource("ExternalConnection", undefined, {
    connectionId: "contosohr",
    name: "Contoso HR",
    contentCategory: "people",
    readiness: "none",
    schema,
  });
const account = { name: "account", type: "string", labels: ["personAccount"] };

describe("a people connector's schema (build-connectors-with-people-data)", () => {
  test("the page's own example schema passes check as it is, though its labelled properties are not retrievable", () => {
    expect(people(PEOPLE_DATA_EXAMPLE_SCHEMA)).toEqual({
      inputs: expect.objectContaining({ schema: canonicalSchema(PEOPLE_DATA_EXAMPLE_SCHEMA) }),
    });
  });

  test("outside a people connector a labelled property must still be retrievable, and while the category is unknown it is not required", () => {
    expect(schemaProblems(PEOPLE_DATA_EXAMPLE_SCHEMA)).toContainEqual({
      path: "schema.properties[0].isRetrievable",
      reason: "a labelled property must be retrievable",
    });
    const unknownCategory = checkResource("ExternalConnection", undefined, {
      connectionId: "contosohr",
      name: "HR",
      contentCategory: UNKNOWN,
      readiness: "none",
      schema: PEOPLE_DATA_EXAMPLE_SCHEMA,
    });
    expect(unknownCategory.failures).toBeUndefined();
  });

  test.each(["personManager", "personAssistants", "personColleagues", "personAlternateContacts", "personEmergencyContacts"])(
    "refuses the unsupported label %s, naming its path",
    (label) => {
      expect(people({ properties: [account, { name: "other", type: "stringCollection", labels: [label] }] }).failures).toEqual([
        {
          property: "schema.properties[1].labels",
          reason: `schema.properties[1].labels label '${label}' isn't supported in a people connector (build-connectors-with-people-data, Notes and limitations)`,
        },
      ]);
    },
  );

  test.each(["principal", "principalCollection"])("refuses a %s property", (type) => {
    expect(people({ properties: [account, { name: "mentor", type }] }).failures).toEqual([
      {
        property: "schema.properties[1].type",
        reason: `schema.properties[1].type ${type} properties aren't supported in a people connector; use the colleagues of the workPosition entity for relationships (build-connectors-with-people-data, Notes and limitations)`,
      },
    ]);
  });

  test.each([
    "personEducationalActivities",
    "personInterests",
    "personLanguages",
    "personPatents",
    "personPublications",
    "personWorkPositions",
  ])("types %s as the page's table does: stringCollection", (label) => {
    expect(people({ properties: [account, { name: "other", type: "stringCollection", labels: [label] }] }).failures).toBeUndefined();
    expect(people({ properties: [account, { name: "other", type: "string", labels: [label] }] }).failures).toEqual([
      {
        property: "schema.properties[1].labels",
        reason: `schema.properties[1].labels label '${label}' needs a stringCollection property, not string (build-connectors-with-people-data)`,
      },
    ]);
  });

  test("still needs exactly one personAccount property", () => {
    expect(people({ properties: [{ name: "skills", type: "stringCollection", labels: ["personSkills"] }] }).failures).toEqual([
      expect.objectContaining({ property: "schema.properties" }),
    ]);
  });

  test("the unsupported labels stay allowed outside a people connector", () => {
    expect(schemaProblems({ properties: [{ name: "boss", type: "string", isRetrievable: true, labels: ["personManager"] }] })).toEqual([]);
  });
});

describe("ProfileSource check", () => {
  const source = { sourceId: "contosohr", displayName: "Contoso HR" };

  test("refuses a webUrl that is not HTTPS, as the people-data page registers it", () => {
    expect(checkResource("ProfileSource", undefined, { ...source, webUrl: "http://hr.contoso.com" }).failures).toEqual([
      {
        property: "webUrl",
        reason:
          'webUrl must be an HTTPS link (got http://…; build-connectors-with-people-data, "Registering the connection as a profile source")',
      },
    ]);
    expect(checkResource("ProfileSource", undefined, { ...source, webUrl: "hr.contoso.com" }).failures).toEqual([
      expect.objectContaining({ property: "webUrl" }),
    ]);
    expect(
      checkResource("ProfileSource", undefined, {
        ...source,
        webUrl: "https://hr.contoso.com",
        localizations: [{ languageTag: "de", webUrl: "http://hr.contoso.com/de" }],
      }).failures,
    ).toBeUndefined();
  });
});

describe("people settings are global only (profileSource pages, national cloud table)", () => {
  test.each(["usgov", "usgovdod"])("ProfileSource and ProfileSourcePriority fail at preview in %s, naming the setting", (environment) => {
    const cases = [
      ["ProfileSource", { displayName: "HR" }],
      ["ProfileSourcePriority", {}],
    ] as const;
    for (const [type, inputs] of cases) {
      const failures = checkResource(
        type,
        undefined,
        { sourceId: "contosohr", ...inputs },
        { environment, environmentKey: "graph-connectors:environment" },
      ).failures;
      expect(failures).toEqual([
        {
          property: "graph-connectors:environment",
          reason:
            `${type} cannot be used in the '${environment}' cloud: profile sources and their precedence are available in the global service only (Graph API reference, ` +
            `profileSource: no US Government L4, L5 (DOD) or 21Vianet); graph-connectors:environment is '${environment}'`,
        },
      ]);
      expect(
        checkResource(
          type,
          undefined,
          { sourceId: "contosohr", ...inputs },
          { environment: "global", environmentKey: "graph-connectors:environment" },
        ).failures,
      ).toBeUndefined();
    }
  });
});

describe("ProfileSourcePriority check and diff", () => {
  const check = (news: Record<string, unknown>) => checkResource("ProfileSourcePriority", undefined, news);

  test("defaults the position to first and keeps before/after as given", () => {
    expect(check({ sourceId: "hr" })).toEqual({ inputs: { sourceId: "hr", position: "first" } });
    expect(check({ sourceId: "hr", after: "workday" })).toEqual({ inputs: { sourceId: "hr", after: "workday" } });
  });

  test.each([
    [{ sourceId: "" }, "sourceId", "sourceId is required"],
    [{ sourceId: "hr", position: "middle" }, "position", "position must be one of first, last"],
    [
      { sourceId: "hr", position: "first", before: "workday" },
      "before",
      "before cannot be given with position: set one of position, before and after",
    ],
    [{ sourceId: "hr", after: "HR" }, "after", "after names the source itself ('HR')"],
    [{ sourceId: "hr", before: " " }, "before", "before must name another profile source's sourceId"],
    [{ sourceId: "hr", propertyNmae: "skills" }, "propertyNmae", expect.stringContaining("propertyName")],
  ])("refuses %j at %s", (news, property, reason) => {
    expect(check(news).failures).toContainEqual({ property, reason });
  });

  test("accepts the 0.2.x propertyName and says at preview that it is ignored", () => {
    const result = check({ sourceId: "hr", propertyName: "skills", position: "first" });
    expect(result.failures).toBeUndefined();
    expect(result.warnings).toEqual([
      expect.stringContaining("propertyName 'skills' is ignored. Graph keeps source precedence in one list for the tenant"),
    ]);
  });

  test("a new placement updates in place, another source replaces, propertyName alone changes nothing", () => {
    const olds = { sourceId: "hr", position: "first", settingId: "s", prioritizedSourceUrls: [] };
    expect(profileSourcePriorityHandler.diff("hr", olds, { sourceId: "hr", position: "last" })).toEqual({ changes: true, replaces: [] });
    expect(profileSourcePriorityHandler.diff("hr", olds, { sourceId: "hr", before: "workday" })).toEqual({ changes: true, replaces: [] });
    expect(profileSourcePriorityHandler.diff("hr", olds, { sourceId: "workday", position: "first" })).toEqual({
      changes: true,
      replaces: ["sourceId"],
    });
    expect(profileSourcePriorityHandler.diff("hr", olds, { sourceId: "hr", position: "first", propertyName: "skills" })).toEqual({
      changes: false,
      replaces: [],
    });
    // A refresh that found the source moved says so; the next `pulumi up` moves it back.
    expect(profileSourcePriorityHandler.diff("hr", { ...olds, position: "elsewhere" }, { sourceId: "hr", position: "first" })).toEqual({
      changes: true,
      replaces: [],
    });
  });

  test("0.2.x state (outputs with propertyName, id '<propertyName>/<sourceId>') is an update that says where the entry goes, never a replace", () => {
    const legacy = { propertyName: "skills", sourceId: "hr", position: "first", settingId: "s1", prioritizedSourceUrls: [url("hr")] };
    for (const news of [
      { sourceId: "hr", position: "first" },
      { sourceId: "hr", position: "first", propertyName: "skills" },
    ]) {
      expect(profileSourcePriorityHandler.diff("skills/hr", legacy, news)).toEqual({
        changes: true,
        replaces: [],
        warnings: [
          expect.stringContaining(
            "its entry moves from the setting named 'skills', which Graph does not use for precedence, into the tenant's precedence list (first); nothing is deleted",
          ),
        ],
      });
    }
  });
});

describe("the precedence list's entries", () => {
  test.each([
    [url("contosohr"), "contosohr"],
    [url("contosohr", "https://graph.microsoft.us"), "contosohr"],
    [url("contosohr", "https://127.0.0.1:8443", "beta"), "contosohr"],
    ["https://graph.microsoft.com/v1.0/admin/people/profileSources(sourceId='o''brien')", "o'brien"],
    ["https://graph.microsoft.com/v1.0/admin/people/profileSources(sourceId=%27contosohr%27)", "contosohr"],
    ["/external/connections/contosohr1", "contosohr1"],
    ["https://graph.microsoft.com/v1.0/external/connections/contosohr1", "contosohr1"],
    ["https://login.microsoftonline.com", ENTRA_SOURCE_ID],
    ["https://example.com/people", undefined],
  ])("%s names %s", (entry, sourceId) => {
    expect(sourceIdOfEntry(entry)).toBe(sourceId);
  });

  test("Graph's habit of keeping Entra: a written list without it gets it appended, in the form of the version written to", () => {
    expect(withBuiltInSource([url("hr")], G, "beta")).toEqual([url("hr"), url(ENTRA_SOURCE_ID, G, "beta")]);
    expect(withBuiltInSource(["https://login.microsoftonline.com", url("hr")], G, "v1.0")).toEqual([
      "https://login.microsoftonline.com",
      url("hr"),
    ]);
  });
});

describe("placing one source (placement.ts)", () => {
  const ours = url("hr");
  const workday = url("workday");
  const other = "https://example.com/not-a-source";

  test.each([
    ["first", [workday, other, ENTRA], { position: "first" }, [ours, workday, other, ENTRA]],
    ["last, before the Entra source Graph keeps at the end", [workday, ENTRA], { position: "last" }, [workday, ours, ENTRA]],
    ["last, behind every other source wherever an admin put Entra", [ENTRA, workday], { position: "last" }, [ENTRA, workday, ours]],
    ["last with only Entra in the list", [ENTRA], { position: "last" }, [ours, ENTRA]],
    ["before another source", [workday, other, ENTRA], { before: "workday" }, [ours, workday, other, ENTRA]],
    ["after another source", [workday, other, ENTRA], { after: "workday" }, [workday, ours, other, ENTRA]],
    ["before Entra by its id", [workday, ENTRA], { before: ENTRA_SOURCE_ID }, [workday, ours, ENTRA]],
  ] as const)("%s", (_what, list, placement, expected) => {
    expect(placed(list, ours, "hr", placement)).toEqual(expected);
    expect(isPlaced(expected, "hr", placement)).toBe(true);
  });

  test("an entry already there in the older /external/connections form is ours: moved as it is, never a second one", () => {
    const older = "/external/connections/HR";
    expect(placed([workday, older], ours, "hr", { position: "first" })).toEqual([older, workday]);
    expect(isPlaced([older, workday], "hr", { position: "first" })).toBe(true);
    // Two entries for one source are not "placed": the next write keeps one.
    expect(isPlaced([ours, older], "hr", { position: "first" })).toBe(false);
    expect(placed([ours, workday, older], ours, "hr", { position: "first" })).toEqual([ours, workday]);
  });

  test("before/after hold while the source is anywhere ahead of/behind the other; a missing other cannot be placed against", () => {
    expect(isPlaced([ours, other, workday], "hr", { before: "workday" })).toBe(true);
    expect(isPlaced([workday, ours], "hr", { before: "workday" })).toBe(false);
    expect(isPlaced([ours], "hr", { after: "workday" })).toBe(false);
    expect(placed([other], ours, "hr", { after: "workday" })).toBeUndefined();
  });

  test("last is met with Entra behind it, and not with another source behind it", () => {
    expect(isPlaced([workday, ours, ENTRA], "hr", { position: "last" })).toBe(true);
    expect(isPlaced([ours, workday, ENTRA], "hr", { position: "last" })).toBe(false);
  });
});
