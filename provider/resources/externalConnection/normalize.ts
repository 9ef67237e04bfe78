/**
 * The normal form in which desired and actual connection fields are compared, so that what Graph adds or
 * reorders on its own never shows as drift (a diff that never clears is the top complaint about generic
 * Graph providers): app ids lower-cased and sorted, `null` and "" as unset, a template's missing `rules` as
 * none, a resolver's implied `@odata.type` spelled out, flag enums ("search, compliance") in one order.
 */
import { TYPE_NAMES } from "../../../model/types";
import { sameValue } from "../values";

/** The only derived resolver type; OData names a derived type with a leading `#`. */
export const ITEM_ID_RESOLVER_TYPE = `#${TYPE_NAMES.itemIdResolver}`;

type Json = Record<string, unknown>;

function normalizeTemplates(value: Json): Json {
  const templates = value.searchResultTemplates;
  if (!Array.isArray(templates)) return value;
  return { ...value, searchResultTemplates: templates.map((template: Json) => ({ ...template, rules: template.rules ?? [] })) };
}

/** Resolvers are a derived type; Graph needs `@odata.type` and the only one today is itemIdResolver. */
export function withResolverTypes(value: Json): Json {
  const resolvers = value.urlToItemResolvers;
  if (!Array.isArray(resolvers)) return value;
  return { ...value, urlToItemResolvers: resolvers.map((resolver: Json) => ({ "@odata.type": ITEM_ID_RESOLVER_TYPE, ...resolver })) };
}

export function normalizeField(field: string, value: unknown): unknown {
  if (value === null || value === "") return undefined;
  if (field === "enabledContentExperiences" && typeof value === "string") {
    return value
      .split(",")
      .map((flag) => flag.trim())
      .filter(Boolean)
      .sort()
      .join(", ");
  }
  if (!value || typeof value !== "object") return value;
  switch (field) {
    case "configuration": {
      const ids = (value as { authorizedAppIds?: string[] }).authorizedAppIds;
      return ids ? { authorizedAppIds: [...ids].map((id) => id.toLowerCase()).sort() } : {};
    }
    case "searchSettings":
      return normalizeTemplates(value as Json);
    case "activitySettings":
      return withResolverTypes(value as Json);
    default:
      return value;
  }
}

export function sameField(field: string, a: unknown, b: unknown): boolean {
  return sameValue(normalizeField(field, a), normalizeField(field, b));
}
