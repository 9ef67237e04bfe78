/**
 * `$select` on reads, as Graph's OData layer applies it (instance annotations in bodies: model/annotations.ts).
 */
import { isInstanceAnnotation } from "./annotations";
import { ApiVersion } from "./apiVersion";
import { propertiesOf, TYPES } from "./types";

/**
 * The property names of a `$select` query option (`$select=name,description`), or undefined without one;
 * `*` selects everything (OData URL Conventions 4.01 section 5.1.3).
 */
export function parseSelect(query: URLSearchParams): string[] | undefined {
  const raw = query.get("$select");
  if (raw === null) return undefined;
  const names = raw
    .split(",")
    .map((name) => name.trim())
    .filter(Boolean);
  return names.includes("*") ? undefined : names;
}

/**
 * Why Graph refuses a `$select` on a `typeName` response: a name the type does not declare in that version.
 * OData's URI parser answers 400 with "Could not find a property named '<name>' on type '<type>'." (the
 * Microsoft.OData.Core message a Graph `$select` of an unknown property returns). Navigation properties may be
 * selected; they are not expanded.
 */
export function selectProblem(select: readonly string[], typeName: string, version: ApiVersion): string | undefined {
  if (!TYPES[typeName]) return undefined;
  const declared = propertiesOf(typeName, version);
  const unknown = select.find((name) => !(name in declared));
  return unknown === undefined ? undefined : `Could not find a property named '${unknown}' on type '${typeName}'.`;
}

/** An entity as a `$select` shows it: only the selected properties, its annotations kept. */
export function applySelect(entity: Record<string, unknown>, select: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(Object.entries(entity).filter(([name]) => isInstanceAnnotation(name) || select.includes(name)));
}
