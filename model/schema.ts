/**
 * Connection schema: property types, labels, limits, the canonical form, validation, and the classification
 * of a change as additive (in place) or needing a new connection.
 * Sources: metadata types `externalConnectors.schema`, `.property`, `.rankingHint` (beta) and enums `label`,
 * `propertyType`, `importanceScore`; docs resources/externalconnectors-property.md, -schema.md,
 * api/externalconnectors-externalconnection-patch-schema.md, concepts/connecting-external-content-manage-schema.md,
 * microsoft-365-copilot extensibility/build-connectors-with-people-data.md (graph-api.md section 2).
 */
import { ApiVersion } from "./apiVersion";
import { connectionPath } from "./connection";
import { settableMembers } from "./enums";
import { ENUMS } from "./enumRegistry";
import { stableJson } from "./json";
import { Problem } from "./problem";

/** baseType must be this (the patch-schema page; the schema resource page's `externalConnector.externalItem` is a typo). */
export const SCHEMA_BASE_TYPE = "microsoft.graph.externalItem";
export const SCHEMA_PROPERTIES_MIN = 1;
export const SCHEMA_PROPERTIES_MAX = 128;
/** Property names and aliases: at most 32 alphanumeric characters. */
export const PROPERTY_NAME_PATTERN = /^[A-Za-z0-9]{1,32}$/;
export const PROPERTY_DESCRIPTION_MAX_LENGTH = 200;

export const PROPERTY_TYPES = settableMembers(ENUMS["microsoft.graph.externalConnectors.propertyType"].members);
export type PropertyType = string;
export const LABELS = settableMembers(ENUMS["microsoft.graph.externalConnectors.label"].members);
export const IMPORTANCE_SCORES = settableMembers(ENUMS["microsoft.graph.externalConnectors.importanceScore"].members);

/** Only these types may be full-text searchable (property docs, isSearchable). */
export const SEARCHABLE_TYPES: readonly string[] = ["string", "stringCollection"];
/** Refiners work on strings and numbers (property docs, isRefinable). */
export const REFINABLE_TYPES: readonly string[] = [
  "string",
  "int64",
  "double",
  "dateTime",
  "stringCollection",
  "int64Collection",
  "doubleCollection",
  "dateTimeCollection",
];

/**
 * The only documented label-to-type table: people connectors (build-connectors-with-people-data, "Connection
 * schema requirements", 2026-07-20). Other labels have no documented table beyond "a property and its label
 * have the same data type", so they are not restricted here; the person labels the table omits are the five the
 * page says aren't supported (model/people.ts), which accept a string or string collection elsewhere.
 */
export const PERSON_LABEL_TYPES: Readonly<Record<string, readonly string[]>> = {
  personAccount: ["string"],
  personName: ["string"],
  personCurrentPosition: ["string"],
  personNote: ["string"],
  personWebSite: ["string"],
  personAddresses: ["stringCollection"],
  personEmails: ["stringCollection"],
  personPhones: ["stringCollection"],
  personWebAccounts: ["stringCollection"],
  personSkills: ["stringCollection"],
  personCertifications: ["stringCollection"],
  personProjects: ["stringCollection"],
  personAwards: ["stringCollection"],
  personAnniversaries: ["stringCollection"],
  personEducationalActivities: ["stringCollection"],
  personInterests: ["stringCollection"],
  personLanguages: ["stringCollection"],
  personPatents: ["stringCollection"],
  personPublications: ["stringCollection"],
  personWorkPositions: ["stringCollection"],
};
const PERSON_LABEL_DEFAULT_TYPES: readonly string[] = ["string", "stringCollection"];

/** The label-to-type rule for one label, or undefined where the docs give none. */
export function labelTypes(label: string): readonly string[] | undefined {
  if (PERSON_LABEL_TYPES[label]) return PERSON_LABEL_TYPES[label];
  return label.startsWith("person") ? PERSON_LABEL_DEFAULT_TYPES : undefined;
}

export interface RankingHint {
  importanceScore: string;
}

/** A schema property in canonical form; beta-only fields appear only when set. */
export interface SchemaProperty {
  name: string;
  type: PropertyType;
  isSearchable: boolean;
  isQueryable: boolean;
  isRetrievable: boolean;
  isRefinable: boolean;
  /** Beta only. */
  isExactMatchRequired?: true;
  /** Beta only. */
  rankingHint?: RankingHint;
  labels: string[];
  aliases: string[];
  description?: string;
}

export interface ConnectionSchema {
  baseType: string;
  properties: SchemaProperty[];
}

const FLAGS = ["isSearchable", "isQueryable", "isRetrievable", "isRefinable"] as const;

/** Graph doc samples send booleans as strings ("true") and types capitalised ("String"); accept both. */
function toBoolean(value: unknown): boolean {
  return value === true || (typeof value === "string" && value.toLowerCase() === "true");
}

function canonicalType(value: unknown): PropertyType {
  const text = String(value ?? "");
  return PROPERTY_TYPES.find((type) => type.toLowerCase() === text.toLowerCase()) ?? text;
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.map(String) : [];
}

/**
 * The canonical form used for state, diffs and requests: the four v1.0 flags explicit, labels and aliases
 * sorted, and the beta-only `isExactMatchRequired`/`rankingHint` present only when set, so a schema that does
 * not use them is a valid v1.0 body. Idempotent, and it accepts the older form that held
 * `isExactMatchRequired: false` on every property, so state written before reads the same.
 */
export function canonicalSchema(raw: unknown): ConnectionSchema {
  const input = (raw ?? {}) as Record<string, unknown>;
  const properties = Array.isArray(input.properties) ? input.properties : [];
  return {
    baseType: typeof input.baseType === "string" ? input.baseType : SCHEMA_BASE_TYPE,
    properties: properties.map((item) => {
      const property = (item ?? {}) as Record<string, unknown>;
      const canonical: SchemaProperty = {
        name: String(property.name ?? ""),
        type: canonicalType(property.type),
        isSearchable: false,
        isQueryable: false,
        isRetrievable: false,
        isRefinable: false,
        labels: [...stringList(property.labels)].sort(),
        aliases: [...stringList(property.aliases)].sort(),
      };
      for (const flag of FLAGS) canonical[flag] = toBoolean(property[flag]);
      if (toBoolean(property.isExactMatchRequired)) canonical.isExactMatchRequired = true;
      const score = (property.rankingHint as { importanceScore?: unknown } | null | undefined)?.importanceScore;
      if (typeof score === "string" && score !== "") canonical.rankingHint = { importanceScore: score };
      if (typeof property.description === "string" && property.description !== "") canonical.description = property.description;
      return canonical;
    }),
  };
}

/** The API version a schema must be registered and read through: beta when it uses a beta-only property field. */
export function schemaApiVersion(schema: ConnectionSchema): ApiVersion {
  return schema.properties.some((property) => property.isExactMatchRequired || property.rankingHint) ? "beta" : "v1.0";
}

export interface SchemaRuleOptions {
  /**
   * Whether the connection is a people connector (contentCategory `people`); undefined while unknown. The
   * people-data page says "The following Copilot connector schema attributes are ignored: `isQueryable`,
   * `isRefinable`, `isRetrievable`, `isSearchable`", and its own example schema labels properties without
   * `isRetrievable`: there a labelled property need not be retrievable.
   */
  people?: boolean;
}

/**
 * Every rule the service enforces on a schema, reported with the path of the offending value. `canonical`: the
 * schema already in canonical form, when the caller has it (a check canonicalises the declared schema once).
 */
export function schemaProblems(
  raw: unknown,
  basePath = "schema",
  options: SchemaRuleOptions = { people: false },
  canonical?: ConnectionSchema,
): Problem[] {
  const problems: Problem[] = [];
  const input = (raw ?? {}) as Record<string, unknown>;
  if (input.baseType !== undefined && input.baseType !== SCHEMA_BASE_TYPE)
    problems.push({ path: `${basePath}.baseType`, reason: `must be '${SCHEMA_BASE_TYPE}'` });
  if (!Array.isArray(input.properties)) return [...problems, { path: `${basePath}.properties`, reason: "must be a list of properties" }];
  const count = input.properties.length;
  if (count < SCHEMA_PROPERTIES_MIN || count > SCHEMA_PROPERTIES_MAX) {
    problems.push({
      path: `${basePath}.properties`,
      reason: `must hold ${SCHEMA_PROPERTIES_MIN}-${SCHEMA_PROPERTIES_MAX} properties, not ${count}`,
    });
  }
  const schema = canonical ?? canonicalSchema(raw);
  const names = new Map<string, number>();
  const labelOwners = new Map<string, string>();
  schema.properties.forEach((property, index) => {
    const at = `${basePath}.properties[${index}]`;
    const fail = (field: string, reason: string) => problems.push({ path: `${at}.${field}`, reason });
    if (!PROPERTY_NAME_PATTERN.test(property.name)) fail("name", `'${property.name}' must be 1-32 letters and digits`);
    const key = property.name.toLowerCase();
    if (names.has(key)) fail("name", `'${property.name}' is declared twice (also properties[${names.get(key)}])`);
    names.set(key, index);
    if (!PROPERTY_TYPES.includes(property.type)) {
      fail("type", `'${property.type}' is not one of ${PROPERTY_TYPES.join(", ")}`);
      return;
    }
    if (property.isSearchable && !SEARCHABLE_TYPES.includes(property.type))
      fail("isSearchable", `only string and stringCollection properties can be searchable, not ${property.type}`);
    if (property.isRefinable && !REFINABLE_TYPES.includes(property.type))
      fail("isRefinable", `${property.type} properties cannot be refinable`);
    if (property.isRefinable && property.isSearchable) fail("isRefinable", "a property cannot be both refinable and searchable");
    if (property.isExactMatchRequired && (property.isSearchable || !SEARCHABLE_TYPES.includes(property.type))) {
      fail("isExactMatchRequired", "only non-searchable string or stringCollection properties can require an exact match");
    }
    if (property.rankingHint && !IMPORTANCE_SCORES.includes(property.rankingHint.importanceScore)) {
      fail("rankingHint.importanceScore", `must be one of ${IMPORTANCE_SCORES.join(", ")}`);
    }
    for (const label of property.labels) {
      if (!LABELS.includes(label)) {
        fail("labels", `'${label}' is not a label Graph knows (${suggestLabel(label)})`);
        continue;
      }
      const allowed = labelTypes(label);
      if (allowed && !allowed.includes(property.type))
        fail(
          "labels",
          `label '${label}' needs a ${allowed.join(" or ")} property, not ${property.type} (build-connectors-with-people-data)`,
        );
      const owner = labelOwners.get(label);
      if (owner) fail("labels", `label '${label}' is already on property '${owner}'; each label maps to one property`);
      labelOwners.set(label, property.name);
    }
    if (property.labels.length > 0 && !property.isRetrievable && options.people === false)
      fail("isRetrievable", "a labelled property must be retrievable");
    for (const alias of property.aliases)
      if (!PROPERTY_NAME_PATTERN.test(alias)) fail("aliases", `alias '${alias}' must be 1-32 letters and digits`);
    if ((property.description?.length ?? 0) > PROPERTY_DESCRIPTION_MAX_LENGTH)
      fail("description", `must be at most ${PROPERTY_DESCRIPTION_MAX_LENGTH} characters`);
  });
  return problems;
}

/** Renamed labels that the older docs used. */
const RENAMED_LABELS: Readonly<Record<string, string>> = { assignedTo: "assignedToPeople", numReactions: "numberOfReactions" };

function suggestLabel(label: string): string {
  if (RENAMED_LABELS[label]) return `did you mean '${RENAMED_LABELS[label]}'?`;
  const near = LABELS.find((known) => known.toLowerCase() === label.toLowerCase());
  return near ? `did you mean '${near}'?` : "see the label enum of the schema docs";
}

/**
 * Why `next` cannot be applied to a registered `current` schema in place; empty when the change is additive.
 * Documented (manage-schema concept): a new property may carry any attributes, refinable included; an existing
 * property cannot become refinable; removing a property or changing its type is not supported in place.
 */
export function breakingSchemaChanges(current: ConnectionSchema, next: ConnectionSchema): string[] {
  const reasons: string[] = [];
  const nextByName = new Map(next.properties.map((property) => [property.name.toLowerCase(), property]));
  for (const property of current.properties) {
    const updated = nextByName.get(property.name.toLowerCase());
    if (!updated) {
      reasons.push(`property '${property.name}' is removed`);
      continue;
    }
    if (updated.type !== property.type) reasons.push(`property '${property.name}' changes type from ${property.type} to ${updated.type}`);
    if (updated.isRefinable && !property.isRefinable) reasons.push(`existing property '${property.name}' becomes refinable`);
  }
  return reasons;
}

/** What a replace of a connection costs, said in the preview and the README: Graph has no way to carry items over. */
export const REPLACE_LOSES_ITEMS =
  "replacing the connection deletes it with every ingested item; the new connection starts empty and must be re-ingested";

/** Order-insensitive equality of two schemas (each put in canonical form first). */
export function sameSchema(a: unknown, b: unknown): boolean {
  if (!a || !b) return a === b;
  const sortByName = (schema: ConnectionSchema) => [...schema.properties].sort((x, y) => x.name.localeCompare(y.name));
  const [left, right] = [canonicalSchema(a), canonicalSchema(b)];
  return left.baseType === right.baseType && stableJson(sortByName(left)) === stableJson(sortByName(right));
}

/**
 * The registered schema with aliases Graph added on its own taken out: where a property's declared aliases
 * are all present, only those are kept, so system-created aliases (of refinable properties) never read as drift.
 */
export function withoutServerAddedAliases(registered: ConnectionSchema, declared: ConnectionSchema | undefined): ConnectionSchema {
  const declaredByName = new Map((declared?.properties ?? []).map((property) => [property.name.toLowerCase(), property]));
  return {
    ...registered,
    properties: registered.properties.map((property) => {
      const wanted = declaredByName.get(property.name.toLowerCase());
      const keepDeclared = wanted && wanted.aliases.every((alias) => property.aliases.includes(alias));
      return keepDeclared ? { ...property, aliases: wanted.aliases } : property;
    }),
  };
}

/** The URL path of a connection's schema, relative to a version root. */
export function schemaPath(connectionId: string): string {
  return `${connectionPath(connectionId)}/schema`;
}
