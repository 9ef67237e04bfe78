/**
 * Connection schema: canonical form, validation, and the additive-vs-breaking classification of a change.
 * Graph allows adding properties, toggling search attributes (except adding `refinable`), aliases and labels
 * in place; removing a property, changing its type or adding `refinable` needs a new connection
 * (graph-api.md 2.3-2.4).
 */
import { stableJson } from "./json";
import {
  LABEL_TYPES, PROPERTY_DESCRIPTION_MAX_LENGTH, PROPERTY_NAME_PATTERN, PROPERTY_TYPES, PropertyType, REFINABLE_TYPES,
  SCHEMA_BASE_TYPE, SCHEMA_PROPERTIES_MAX, SCHEMA_PROPERTIES_MIN, SEARCHABLE_TYPES,
} from "./rules";

export interface SchemaProperty {
  name: string;
  type: PropertyType;
  isSearchable: boolean;
  isQueryable: boolean;
  isRetrievable: boolean;
  isRefinable: boolean;
  isExactMatchRequired: boolean;
  labels: string[];
  aliases: string[];
  description?: string;
}

export interface ConnectionSchema {
  baseType: string;
  properties: SchemaProperty[];
}

export interface Problem {
  /** Dotted path of the offending value, e.g. `schema.properties[2].name`. */
  path: string;
  reason: string;
}

const FLAGS = ["isSearchable", "isQueryable", "isRetrievable", "isRefinable", "isExactMatchRequired"] as const;

/** Graph doc samples send booleans as strings ("true") and types capitalised ("String"); accept both. */
function toBoolean(value: unknown): boolean {
  return value === true || (typeof value === "string" && value.toLowerCase() === "true");
}

function canonicalType(value: unknown): PropertyType {
  const text = String(value ?? "");
  return (PROPERTY_TYPES.find((type) => type.toLowerCase() === text.toLowerCase()) ?? text) as PropertyType;
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.map(String) : [];
}

/** The canonical form used for state, diffs and requests: every flag explicit, labels and aliases sorted. */
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
        isSearchable: false, isQueryable: false, isRetrievable: false, isRefinable: false, isExactMatchRequired: false,
        labels: [...stringList(property.labels)].sort(),
        aliases: [...stringList(property.aliases)].sort(),
      };
      for (const flag of FLAGS) canonical[flag] = toBoolean(property[flag]);
      if (typeof property.description === "string" && property.description !== "") canonical.description = property.description;
      return canonical;
    }),
  };
}

/** Every rule the service enforces on a schema, reported with the path of the offending value. */
export function schemaProblems(raw: unknown, basePath = "schema"): Problem[] {
  const problems: Problem[] = [];
  const input = (raw ?? {}) as Record<string, unknown>;
  if (input.baseType !== undefined && input.baseType !== SCHEMA_BASE_TYPE) {
    problems.push({ path: `${basePath}.baseType`, reason: `must be '${SCHEMA_BASE_TYPE}'` });
  }
  if (!Array.isArray(input.properties)) {
    return [...problems, { path: `${basePath}.properties`, reason: "must be a list of properties" }];
  }
  const count = input.properties.length;
  if (count < SCHEMA_PROPERTIES_MIN || count > SCHEMA_PROPERTIES_MAX) {
    problems.push({ path: `${basePath}.properties`, reason: `must hold ${SCHEMA_PROPERTIES_MIN}-${SCHEMA_PROPERTIES_MAX} properties, not ${count}` });
  }
  const schema = canonicalSchema(raw);
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
    if (property.isSearchable && !SEARCHABLE_TYPES.includes(property.type)) fail("isSearchable", `only string and stringCollection properties can be searchable, not ${property.type}`);
    if (property.isRefinable && !REFINABLE_TYPES.includes(property.type)) fail("isRefinable", `${property.type} properties cannot be refinable`);
    if (property.isRefinable && property.isSearchable) fail("isRefinable", "a property cannot be both refinable and searchable");
    if (property.isExactMatchRequired && (property.isSearchable || !SEARCHABLE_TYPES.includes(property.type))) {
      fail("isExactMatchRequired", "only non-searchable string or stringCollection properties can require an exact match");
    }
    for (const label of property.labels) {
      const allowed = LABEL_TYPES[label];
      if (!allowed) { fail("labels", `'${label}' is not a known label`); continue; }
      if (!allowed.includes(property.type)) fail("labels", `label '${label}' needs a ${allowed.join(" or ")} property, not ${property.type}`);
      const owner = labelOwners.get(label);
      if (owner) fail("labels", `label '${label}' is already on property '${owner}'; each label maps to one property`);
      labelOwners.set(label, property.name);
    }
    if (property.labels.length > 0 && !property.isRetrievable) fail("isRetrievable", "a labelled property must be retrievable");
    for (const alias of property.aliases) {
      if (!PROPERTY_NAME_PATTERN.test(alias)) fail("aliases", `alias '${alias}' must be 1-32 letters and digits`);
    }
    if ((property.description?.length ?? 0) > PROPERTY_DESCRIPTION_MAX_LENGTH) {
      fail("description", `must be at most ${PROPERTY_DESCRIPTION_MAX_LENGTH} characters`);
    }
  });
  return problems;
}

/**
 * Why `next` cannot be applied to a registered `current` schema in place; empty when the change is additive.
 */
export function breakingSchemaChanges(current: ConnectionSchema, next: ConnectionSchema): string[] {
  const reasons: string[] = [];
  const nextByName = new Map(next.properties.map((property) => [property.name.toLowerCase(), property]));
  const currentByName = new Map(current.properties.map((property) => [property.name.toLowerCase(), property]));
  for (const property of current.properties) {
    const updated = nextByName.get(property.name.toLowerCase());
    if (!updated) { reasons.push(`property '${property.name}' is removed`); continue; }
    if (updated.type !== property.type) reasons.push(`property '${property.name}' changes type from ${property.type} to ${updated.type}`);
    if (updated.isRefinable && !property.isRefinable) reasons.push(`property '${property.name}' becomes refinable`);
  }
  for (const property of next.properties) {
    if (!currentByName.has(property.name.toLowerCase()) && property.isRefinable) {
      reasons.push(`new property '${property.name}' is refinable, which cannot be added in a schema update`);
    }
  }
  return reasons;
}

/** Order-insensitive equality of two canonical schemas. */
export function sameSchema(a: ConnectionSchema | undefined, b: ConnectionSchema | undefined): boolean {
  if (!a || !b) return a === b;
  const sortByName = (schema: ConnectionSchema) => [...schema.properties].sort((x, y) => x.name.localeCompare(y.name));
  return a.baseType === b.baseType && stableJson(sortByName(a)) === stableJson(sortByName(b));
}

/**
 * The registered schema with aliases Graph added on its own taken out: where a property's declared aliases
 * are all present, only those are kept, so system-created aliases never read as drift.
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
