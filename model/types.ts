/**
 * Graph's OData types for the objects this package sends and reads, per API version: what Graph's own OData
 * layer validates request bodies against. Transcribed from the metadata (tests/conformance/graph-metadata: v1.0 from
 * `v1.0-externalConnectors.csdl.xml`, beta from `beta-type-mappings.json`); tests/conformance holds every
 * type, property, nullability and enum here against those files.
 *
 * Types are closed unless `open`: a property the type does not declare in that version is refused (400).
 */
import { isInstanceAnnotation } from "./annotations";
import { ApiVersion } from "./apiVersion";
import { ENUMS, EnumName } from "./enumRegistry";
import { EXTERNAL_CONNECTORS as EC } from "./namespaces";

/** `Edm.*` primitives, `microsoft.graph.Json` (any JSON), an enum or type of this registry, or `Collection(...)` of one. */
export type TypeRef = string;

export interface PropertyDef {
  type: TypeRef;
  /** Metadata `Nullable="false"`. */
  nullable?: false;
  /** Versions that declare the property. @default both */
  versions?: readonly ApiVersion[];
  /** Set by the service only; a client never sends it. */
  readOnly?: true;
  /** A navigation property (its own URL), never part of a body. */
  navigation?: true;
}

export interface TypeDef {
  name: string;
  kind: "entity" | "complex";
  /** Versions that have the type. @default both */
  versions?: readonly ApiVersion[];
  /** Metadata `OpenType="true"`: undeclared properties are allowed. */
  open?: true;
  abstract?: true;
  baseType?: string;
  properties: Readonly<Record<string, PropertyDef>>;
}

const BETA: readonly ApiVersion[] = ["beta"];
const nav = (type: TypeRef, versions?: readonly ApiVersion[]): PropertyDef => ({
  type,
  navigation: true,
  ...(versions ? { versions } : {}),
});

const DEFINITIONS: TypeDef[] = [
  { name: "microsoft.graph.entity", kind: "entity", properties: { id: { type: "Edm.String", nullable: false } } },
  {
    name: `${EC}.externalConnection`,
    kind: "entity",
    baseType: "microsoft.graph.entity",
    properties: {
      activitySettings: { type: `${EC}.activitySettings` },
      complianceSettings: { type: `${EC}.complianceSettings`, versions: BETA },
      configuration: { type: `${EC}.configuration` },
      connectorId: { type: "Edm.String" },
      contentCategory: { type: `${EC}.contentCategory`, nullable: false },
      description: { type: "Edm.String" },
      enabledContentExperiences: { type: `${EC}.contentExperienceType`, versions: BETA },
      ingestedItemsCount: { type: "Edm.Int64", versions: BETA, readOnly: true },
      name: { type: "Edm.String" },
      searchSettings: { type: `${EC}.searchSettings` },
      state: { type: `${EC}.connectionState`, readOnly: true },
      groups: nav(`Collection(${EC}.externalGroup)`),
      items: nav(`Collection(${EC}.externalItem)`),
      operations: nav(`Collection(${EC}.connectionOperation)`),
      quota: nav(`${EC}.connectionQuota`, BETA),
      schema: nav(`${EC}.schema`),
    },
  },
  {
    name: `${EC}.connectionQuota`,
    kind: "entity",
    baseType: "microsoft.graph.entity",
    versions: BETA,
    properties: { itemsRemaining: { type: "Edm.Int64", readOnly: true } },
  },
  {
    name: `${EC}.activitySettings`,
    kind: "complex",
    properties: { urlToItemResolvers: { type: `Collection(${EC}.urlToItemResolverBase)` } },
  },
  {
    name: `${EC}.complianceSettings`,
    kind: "complex",
    versions: BETA,
    properties: { eDiscoveryResultTemplates: { type: `Collection(${EC}.displayTemplate)` } },
  },
  { name: `${EC}.configuration`, kind: "complex", open: true, properties: { authorizedAppIds: { type: "Collection(Edm.String)" } } },
  {
    name: `${EC}.displayTemplate`,
    kind: "complex",
    properties: {
      id: { type: "Edm.String", nullable: false },
      layout: { type: "microsoft.graph.Json", nullable: false },
      priority: { type: "Edm.Int32", nullable: false },
      rules: { type: `Collection(${EC}.propertyRule)` },
    },
  },
  {
    name: `${EC}.propertyRule`,
    kind: "complex",
    properties: {
      operation: { type: `${EC}.ruleOperation`, nullable: false },
      property: { type: "Edm.String", nullable: false },
      values: { type: "Collection(Edm.String)", nullable: false },
      valuesJoinedBy: { type: "microsoft.graph.binaryOperator", nullable: false },
    },
  },
  { name: `${EC}.searchSettings`, kind: "complex", properties: { searchResultTemplates: { type: `Collection(${EC}.displayTemplate)` } } },
  { name: `${EC}.urlToItemResolverBase`, kind: "complex", abstract: true, properties: { priority: { type: "Edm.Int32" } } },
  {
    name: `${EC}.itemIdResolver`,
    kind: "complex",
    baseType: `${EC}.urlToItemResolverBase`,
    properties: { itemId: { type: "Edm.String", nullable: false }, urlMatchInfo: { type: `${EC}.urlMatchInfo` } },
  },
  {
    name: `${EC}.urlMatchInfo`,
    kind: "complex",
    properties: { baseUrls: { type: "Collection(Edm.String)" }, urlPattern: { type: "Edm.String" } },
  },
  {
    name: `${EC}.schema`,
    kind: "entity",
    baseType: "microsoft.graph.entity",
    properties: { baseType: { type: "Edm.String", nullable: false }, properties: { type: `Collection(${EC}.property)` } },
  },
  {
    name: `${EC}.property`,
    kind: "complex",
    properties: {
      aliases: { type: "Collection(Edm.String)" },
      description: { type: "Edm.String" },
      isExactMatchRequired: { type: "Edm.Boolean", versions: BETA },
      isQueryable: { type: "Edm.Boolean" },
      isRefinable: { type: "Edm.Boolean" },
      isRetrievable: { type: "Edm.Boolean" },
      isSearchable: { type: "Edm.Boolean" },
      labels: { type: `Collection(${EC}.label)` },
      name: { type: "Edm.String", nullable: false },
      rankingHint: { type: `${EC}.rankingHint`, versions: BETA },
      type: { type: `${EC}.propertyType`, nullable: false },
    },
  },
  { name: `${EC}.rankingHint`, kind: "complex", versions: BETA, properties: { importanceScore: { type: `${EC}.importanceScore` } } },
  {
    name: `${EC}.connectionOperation`,
    kind: "entity",
    baseType: "microsoft.graph.entity",
    properties: { error: { type: "microsoft.graph.publicError" }, status: { type: `${EC}.connectionOperationStatus` } },
  },
  {
    name: `${EC}.externalGroup`,
    kind: "entity",
    baseType: "microsoft.graph.entity",
    properties: { description: { type: "Edm.String" }, displayName: { type: "Edm.String" }, members: nav(`Collection(${EC}.identity)`) },
  },
  { name: `${EC}.identity`, kind: "entity", baseType: "microsoft.graph.entity", properties: { type: { type: `${EC}.identityType` } } },
  // People connectors' profile sources and precedence (v1.0-people-admin.csdl.xml; beta-type-mappings.json lists
  // the same properties in beta). The provider manages them through v1.0; the emulator serves both.
  {
    name: "microsoft.graph.profileSource",
    kind: "entity",
    baseType: "microsoft.graph.entity",
    properties: {
      displayName: { type: "Edm.String" },
      kind: { type: "Edm.String" },
      localizations: { type: "Collection(microsoft.graph.profileSourceLocalization)", nullable: false },
      sourceId: { type: "Edm.String" },
      webUrl: { type: "Edm.String" },
    },
  },
  {
    name: "microsoft.graph.profileSourceLocalization",
    kind: "complex",
    properties: { displayName: { type: "Edm.String" }, languageTag: { type: "Edm.String" }, webUrl: { type: "Edm.String" } },
  },
  {
    name: "microsoft.graph.profilePropertySetting",
    kind: "entity",
    baseType: "microsoft.graph.entity",
    properties: {
      displayName: { type: "Edm.String" },
      name: { type: "Edm.String" },
      prioritizedSourceUrls: { type: "Collection(Edm.String)", nullable: false },
    },
  },
  {
    name: "microsoft.graph.connector",
    kind: "entity",
    baseType: "microsoft.graph.entity",
    versions: BETA,
    properties: {
      externalIp: { type: "Edm.String", readOnly: true },
      machineName: { type: "Edm.String" },
      status: { type: "microsoft.graph.connectorStatus", readOnly: true },
      version: { type: "Edm.String", readOnly: true },
      memberOf: nav("Collection(microsoft.graph.connectorGroup)"),
    },
  },
  {
    name: "microsoft.graph.connectorGroup",
    kind: "entity",
    baseType: "microsoft.graph.entity",
    versions: BETA,
    properties: {
      connectorGroupType: { type: "microsoft.graph.connectorGroupType", readOnly: true },
      isDefault: { type: "Edm.Boolean", readOnly: true },
      name: { type: "Edm.String" },
      region: { type: "microsoft.graph.connectorGroupRegion" },
      applications: nav("Collection(microsoft.graph.application)"),
      members: nav("Collection(microsoft.graph.connector)"),
    },
  },
];

export const TYPES: Readonly<Record<string, TypeDef>> = Object.fromEntries(DEFINITIONS.map((type) => [type.name, type]));

export const TYPE_NAMES = {
  externalConnection: `${EC}.externalConnection`,
  schema: `${EC}.schema`,
  property: `${EC}.property`,
  externalGroup: `${EC}.externalGroup`,
  identity: `${EC}.identity`,
  connectionOperation: `${EC}.connectionOperation`,
  connectionQuota: `${EC}.connectionQuota`,
  connector: "microsoft.graph.connector",
  connectorGroup: "microsoft.graph.connectorGroup",
  itemIdResolver: `${EC}.itemIdResolver`,
  profileSource: "microsoft.graph.profileSource",
  profilePropertySetting: "microsoft.graph.profilePropertySetting",
} as const;

const inVersion = (versions: readonly ApiVersion[] | undefined, version: ApiVersion) => !versions || versions.includes(version);

/** Every property a type has in a version, inherited ones included. */
export function propertiesOf(typeName: string, version: ApiVersion): Record<string, PropertyDef> {
  const type = TYPES[typeName];
  if (!type) throw new Error(`model/types: unknown type '${typeName}'`);
  const inherited = type.baseType ? propertiesOf(type.baseType, version) : {};
  const own = Object.entries(type.properties).filter(([, property]) => inVersion(property.versions, version));
  return { ...inherited, ...Object.fromEntries(own) };
}

/** Properties a client may put in a body of this type and version: declared, not read-only, not navigation. */
export function writableProperties(typeName: string, version: ApiVersion): string[] {
  return Object.entries(propertiesOf(typeName, version))
    .filter(([, property]) => !property.readOnly && !property.navigation)
    .map(([name]) => name);
}

/** Whether `derived` is `base` or derives from it. */
function derivesFrom(derived: string, base: string): boolean {
  for (let current: string | undefined = derived; current; current = TYPES[current]?.baseType) if (current === base) return true;
  return false;
}

/** The type an object body says it is (`@odata.type`, with or without `#`), when that names a registered type. */
function annotatedType(body: Record<string, unknown>): string | undefined {
  const named = body["@odata.type"];
  return typeof named === "string" && TYPES[named.replace(/^#/, "")] ? named.replace(/^#/, "") : undefined;
}

function collectionOf(type: TypeRef): TypeRef | undefined {
  return /^Collection\((.+)\)$/.exec(type)?.[1];
}

export interface BodyCheckOptions {
  version: ApiVersion;
  /** The request carried `Prefer: include-unknown-enum-members`. */
  includeUnknownEnumMembers: boolean;
}

const enumDef = (type: TypeRef) => ENUMS[type as EnumName];

/**
 * The first reason Graph's OData layer would refuse `value` as a `typeName` body in a version: a property the
 * type does not declare there, a null where the metadata says `Nullable="false"`, a value of the wrong JSON
 * type, an enum string that is no member (or an evolvable member without the Prefer header), an
 * `@odata.type` that is not the type or one derived from it. Undefined when the OData layer accepts it.
 * Service rules (lengths, patterns, limits) are checked elsewhere, after this.
 */
export function typeProblem(value: unknown, typeName: TypeRef, options: BodyCheckOptions, path = ""): string | undefined {
  const at = (name: string) => (path ? `${path}.${name}` : name);
  if (value === null) return undefined;
  const element = collectionOf(typeName);
  if (element) {
    if (!Array.isArray(value)) return `${path || "the body"} must be a collection of ${element}`;
    for (let index = 0; index < value.length; index++) {
      if (value[index] === null && !element.startsWith("Edm.")) continue;
      const problem = typeProblem(value[index], element, options, `${path}[${index}]`);
      if (problem) return problem;
    }
    return undefined;
  }
  switch (typeName) {
    case "Edm.String":
      return typeof value === "string" ? undefined : `${path} must be a string`;
    case "Edm.Boolean":
      return typeof value === "boolean" || isBooleanLiteral(value) ? undefined : `${path} must be a boolean`;
    case "Edm.Int32":
    case "Edm.Int64":
      return Number.isInteger(value) ? undefined : `${path} must be an integer`;
    case "microsoft.graph.Json":
      return undefined;
    case "microsoft.graph.binaryOperator":
      return value === "or" || value === "and" ? undefined : `${path} must be 'or' or 'and'`;
    case "microsoft.graph.publicError":
      return undefined;
    default:
      break;
  }
  const enumeration = enumDef(typeName);
  if (enumeration) return enumProblem(value, typeName as EnumName, options, path);
  const declared = TYPES[typeName];
  if (!declared) return undefined;
  if (typeof value !== "object" || Array.isArray(value)) return `${path || "the body"} must be an object of type ${typeName}`;
  const body = value as Record<string, unknown>;
  let actualType = typeName;
  if (body["@odata.type"] !== undefined) {
    const named = annotatedType(body);
    if (!named || !derivesFrom(named, typeName))
      return `A type named '${String(body["@odata.type"]).replace(/^#/, "")}' could not be resolved by the model. When a model is available, each type name must resolve to a valid type.`;
    actualType = named;
  } else if (TYPES[typeName].abstract) {
    return `${path || "the body"} is of the abstract type ${typeName}; name a derived type in '@odata.type'`;
  }
  if (!inVersion(TYPES[actualType].versions, options.version)) return `The type '${actualType}' does not exist in ${options.version}.`;
  const properties = propertiesOf(actualType, options.version);
  for (const [name, member] of Object.entries(body)) {
    if (isInstanceAnnotation(name)) continue; // @odata.type, @odata.context, title@odata.type, … (model/annotations.ts)
    const property = properties[name];
    if (!property) {
      if (TYPES[actualType].open) continue;
      return `The property '${name}' does not exist on type '${actualType}'. Make sure to only use property names that are defined by the type or mark the type as open type.`;
    }
    if (member === null) {
      if (property.nullable === false) return `${at(name)} cannot be null`;
      continue;
    }
    const problem = typeProblem(member, property.type, options, at(name));
    if (problem) return problem;
  }
  return undefined;
}

/**
 * A boolean sent as a JSON string. The docs' own schema samples send `"isSearchable": "true"`
 * (externalconnectors-externalconnection-patch-schema.md, v1.0 and beta) and present them as accepted; whether
 * Graph's OData reader converts the literal or the connectors service does is not documented, so the emulator
 * accepts `"true"`/`"false"` (any case) either way. Anything else is still refused.
 */
function isBooleanLiteral(value: unknown): boolean {
  return typeof value === "string" && /^(true|false)$/i.test(value);
}

function enumProblem(value: unknown, typeName: EnumName, options: BodyCheckOptions, path: string): string | undefined {
  const enumeration = ENUMS[typeName];
  // Flag enums are sent as one comma-separated string, e.g. "search, compliance".
  const names = typeof value === "string" ? (enumeration.flags ? value.split(",").map((name) => name.trim()) : [value]) : undefined;
  if (!names) return `${path} must be a member of ${typeName}`;
  for (const name of names) {
    // Members match whatever their case: the docs' schema sample sends `"type": "String"` for `string`
    // (externalconnectors-externalconnection-patch-schema.md, v1.0), presented as accepted.
    const member = enumeration.members.find((candidate) => candidate.toLowerCase() === name.toLowerCase());
    if (member === undefined) return `Cannot convert the literal '${name}' to the expected type '${typeName}'.`;
    if (!options.includeUnknownEnumMembers && enumeration.evolvable.includes(member)) {
      return `'${name}' of ${typeName} is an evolvable enum member; send the header 'Prefer: include-unknown-enum-members' to use it.`;
    }
  }
  return undefined;
}

/**
 * What Graph returns for a `typeName` value when the request did not ask for evolvable members: each such
 * member replaced by `unknownFutureValue` (evolvable-enums guideline). A copy; the input is unchanged.
 */
export function maskEvolvableMembers<T>(value: T, typeName: TypeRef, version: ApiVersion): T {
  if (value === null || value === undefined) return value;
  const element = collectionOf(typeName);
  if (element) return (Array.isArray(value) ? value.map((item) => maskEvolvableMembers(item, element, version)) : value) as T;
  const enumeration = enumDef(typeName);
  if (enumeration) return (typeof value === "string" && enumeration.evolvable.includes(value) ? "unknownFutureValue" : value) as T;
  const declared = TYPES[typeName];
  if (!declared || typeof value !== "object" || Array.isArray(value)) return value;
  const body = value as Record<string, unknown>;
  const properties = propertiesOf(annotatedType(body) ?? typeName, version);
  return Object.fromEntries(
    Object.entries(body).map(([name, member]) => [
      name,
      properties[name] ? maskEvolvableMembers(member, properties[name].type, version) : member,
    ]),
  ) as T;
}
