/**
 * model/ held against Microsoft's published Graph metadata (vendored in graph-metadata/): every enum's members
 * (in order for v1.0, so the `unknownFutureValue` boundary is where Graph puts it), every type's properties per
 * API version with nullability and openness, and every field the provider sends, in the version it sends it to.
 */
import { API_VERSIONS } from "../../model/apiVersion";
import { BETA_ONLY_CONNECTION_FIELDS, connectionFields, updatableConnectionFields } from "../../model/connection";
import { evolvableMembers } from "../../model/enums";
import { ENUMS } from "../../model/enumRegistry";
import { PROFILE_PROPERTY_SETTING_FIELDS } from "../../model/people";
import { canonicalSchema, schemaApiVersion } from "../../model/schema";
import { propertiesOf, TYPES, TYPE_NAMES, writableProperties } from "../../model/types";
import { MANAGED_FIELDS } from "../../provider/resources/externalConnection/types";
import { readBeta, readCsdl } from "./metadata";

const EC = "microsoft.graph.externalConnectors";

describe("model/ conforms to Microsoft's Graph metadata", () => {
  const v1 = readCsdl("v1.0-externalConnectors.csdl.xml");
  const people = readCsdl("v1.0-people-admin.csdl.xml");
  const beta = readBeta();
  const modelEnums = Object.entries(ENUMS) as Array<[string, (typeof ENUMS)[keyof typeof ENUMS]]>;
  const modelTypes = Object.values(TYPES).filter(
    (type) => type.name.startsWith(EC) || ["microsoft.graph.connector", "microsoft.graph.connectorGroup"].includes(type.name),
  );

  test.each(modelEnums.filter(([, def]) => !("versions" in def)).map(([name]) => [name]))(
    "v1.0 enum %s has the metadata's members in the metadata's order",
    (name) => {
      expect(ENUMS[name as keyof typeof ENUMS].members).toEqual(v1.enums[name]);
    },
  );

  test.each(modelEnums.map(([name]) => [name]))("beta enum %s has the metadata's members", (name) => {
    expect([...ENUMS[name as keyof typeof ENUMS].members].sort()).toEqual([...beta.enums[name]].sort());
  });

  test("the evolvable members are exactly those after unknownFutureValue in the metadata", () => {
    expect(ENUMS[`${EC}.label`].evolvable).toEqual(evolvableMembers(v1.enums[`${EC}.label`]));
    expect(ENUMS[`${EC}.label`].evolvable.slice(0, 3)).toEqual(["containerName", "containerUrl", "iconUrl"]);
    expect(ENUMS[`${EC}.label`].evolvable).toEqual(
      expect.arrayContaining(["tags", "assignedToPeople", "numberOfReactions", "priorityNormalized", "personAccount"]),
    );
    expect(ENUMS[`${EC}.propertyType`].evolvable).toEqual(["principal", "principalCollection"]);
    for (const [name, members] of Object.entries(v1.enums)) {
      if (name in ENUMS) expect([name, ENUMS[name as keyof typeof ENUMS].evolvable]).toEqual([name, evolvableMembers(members)]);
    }
  });

  test("every v1.0 enum and type of the externalConnectors namespace the package uses is in the model", () => {
    const used = [
      `${EC}.acl`,
      `${EC}.aclType`,
      `${EC}.accessType`,
      `${EC}.externalItem`,
      `${EC}.externalItemContent`,
      `${EC}.externalItemContentType`,
      `${EC}.externalActivity`,
      `${EC}.externalActivityResult`,
      `${EC}.externalActivityType`,
      `${EC}.external`,
      `${EC}.principal`,
      `${EC}.properties`,
      `${EC}.externalItemInformationProtectionLabel`,
    ];
    // Items, ACLs and activities are not managed by this package; everything else must be modelled.
    const missing = [...Object.keys(v1.enums), ...Object.keys(v1.types)].filter(
      (name) => !used.includes(name) && !(name in ENUMS) && !(name in TYPES),
    );
    expect(missing).toEqual([]);
  });

  test.each(modelTypes.filter((type) => !type.versions || type.versions.includes("v1.0")).map((type) => [type.name]))(
    "v1.0 type %s declares what the metadata declares",
    (name) => {
      const declared = TYPES[name];
      const csdl = v1.types[name];
      expect(csdl).toBeDefined();
      const ownV1 = Object.fromEntries(
        Object.entries(declared.properties)
          .filter(([, property]) => !property.versions || property.versions.includes("v1.0"))
          .map(([property, def]) => [property, { type: def.type, nullable: def.nullable !== false, navigation: def.navigation === true }]),
      );
      expect(ownV1).toEqual(csdl.properties);
      expect({
        open: declared.open === true,
        abstract: declared.abstract === true,
        kind: declared.kind,
        baseType: declared.baseType,
      }).toEqual({ open: csdl.open, abstract: csdl.abstract, kind: csdl.kind, baseType: csdl.baseType });
    },
  );

  test.each(
    Object.values(TYPES)
      .filter((type) => type.name in people.types)
      .map((type) => [type.name]),
  )("v1.0 people type %s declares what the metadata declares", (name) => {
    const ownV1 = Object.fromEntries(
      Object.entries(TYPES[name].properties)
        .filter(([, property]) => !property.versions || property.versions.includes("v1.0"))
        .map(([property, def]) => [property, { type: def.type, nullable: def.nullable !== false, navigation: def.navigation === true }]),
    );
    expect(ownV1).toEqual(people.types[name].properties);
  });

  test.each(modelTypes.map((type) => [type.name]))("beta type %s declares the metadata's property names", (name) => {
    const own = Object.entries(TYPES[name].properties)
      .filter(([, property]) => !property.versions || property.versions.includes("beta"))
      .map(([property]) => property);
    expect(own.sort()).toEqual([...beta.types[name]].sort());
  });

  test("types and properties the model marks beta-only are absent from v1.0, and present in beta", () => {
    for (const type of modelTypes) {
      if (type.versions && !type.versions.includes("v1.0")) expect([type.name, v1.types[type.name]]).toEqual([type.name, undefined]);
      for (const [property, def] of Object.entries(type.properties)) {
        if (def.versions && !def.versions.includes("v1.0"))
          expect([type.name, property, v1.types[type.name]?.properties[property]]).toEqual([type.name, property, undefined]);
      }
    }
  });

  describe("every field the provider sends exists on its type in the version it is sent to", () => {
    const inVersion = (type: string, version: "v1.0" | "beta") =>
      version === "v1.0" ? Object.keys(propertiesOfCsdl(type)) : [...beta.types[type], "id"];
    const propertiesOfCsdl = (type: string): Record<string, unknown> => {
      const csdl = v1.types[type];
      return { ...(csdl.baseType?.startsWith(EC) ? propertiesOfCsdl(csdl.baseType) : { id: {} }), ...csdl.properties };
    };

    test.each(API_VERSIONS.map((version) => [version]))("connection create and PATCH fields (%s)", (version) => {
      expect(connectionFields(version).filter((field) => !inVersion(`${EC}.externalConnection`, version).includes(field))).toEqual([]);
      expect(updatableConnectionFields(version).every((field) => connectionFields(version).includes(field))).toBe(true);
      expect(writableProperties(TYPE_NAMES.externalConnection, version)).toContain("name");
    });

    test("beta-only connection fields are those v1.0 does not declare", () => {
      expect([...BETA_ONLY_CONNECTION_FIELDS].sort()).toEqual(
        MANAGED_FIELDS.filter((field) => !(field in propertiesOfCsdl(`${EC}.externalConnection`))).sort(),
      );
    });

    test("a schema body holds only the fields of the version it is registered through", () => {
      const full = {
        name: "p",
        type: "string",
        isSearchable: false,
        isQueryable: true,
        isRetrievable: true,
        isRefinable: false,
        labels: ["title"],
        aliases: ["a"],
        description: "d",
      };
      for (const extra of [{}, { isExactMatchRequired: true }, { rankingHint: { importanceScore: "high" } }]) {
        const schema = canonicalSchema({ properties: [{ ...full, ...extra }] });
        const version = schemaApiVersion(schema);
        const allowed = version === "v1.0" ? Object.keys(v1.types[`${EC}.property`].properties) : beta.types[`${EC}.property`];
        expect([version, Object.keys(schema.properties[0]).filter((key) => !allowed.includes(key))]).toEqual([version, []]);
        expect(Object.keys(schema).filter((key) => !Object.keys(propertiesOfCsdl(`${EC}.schema`)).includes(key))).toEqual([]);
      }
    });

    test("people settings: profileSource, its localizations and profilePropertySetting as v1.0-people-admin.csdl.xml and the beta mappings declare them", () => {
      const people = readCsdl("v1.0-people-admin.csdl.xml");
      for (const name of [
        "microsoft.graph.profileSource",
        "microsoft.graph.profileSourceLocalization",
        "microsoft.graph.profilePropertySetting",
      ]) {
        const declared = TYPES[name];
        expect([name, declared.versions]).toEqual([name, undefined]); // served in v1.0 and beta alike
        const own = Object.fromEntries(
          Object.entries(declared.properties).map(([property, def]) => [
            property,
            { type: def.type, nullable: def.nullable !== false, navigation: false },
          ]),
        );
        expect([name, own]).toEqual([name, people.types[name].properties]);
        if (beta.types[name]) expect([name, Object.keys(declared.properties).sort()]).toEqual([name, [...beta.types[name]].sort()]);
      }
      expect(
        PROFILE_PROPERTY_SETTING_FIELDS.filter((field) => !(field in people.types["microsoft.graph.profilePropertySetting"].properties)),
      ).toEqual([]);
    });

    test("group, member and connector group bodies", () => {
      expect(["id", "displayName", "description"].filter((key) => !(key in propertiesOfCsdl(`${EC}.externalGroup`)))).toEqual([]);
      expect(["id", "type"].filter((key) => !(key in propertiesOfCsdl(`${EC}.identity`)))).toEqual([]);
      expect(["name", "region"].filter((key) => !beta.types["microsoft.graph.connectorGroup"].includes(key))).toEqual([]);
      expect(Object.keys(propertiesOf(TYPE_NAMES.connector, "beta")).sort()).toEqual([
        "externalIp",
        "id",
        "machineName",
        "memberOf",
        "status",
        "version",
      ]);
    });
  });
});
