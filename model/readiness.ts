/**
 * What a connection needs to surface in Microsoft 365 Copilot or Microsoft Search, beyond being valid.
 * Source: Microsoft Learn "Microsoft 365 Copilot connectors experiences" (graph/connecting-external-content-experiences):
 * for Copilot, the `title`, `url` and `iconUrl` labels must be applied, searchable properties carry what prompts
 * match, URL-to-item resolvers let shared links resolve to items, and a meaningful connection description
 * helps Copilot pick the connection; for search, result templates render the results. People connectors
 * (model/people.ts) surface through profiles instead, so the content labels do not apply to them.
 */
import { PEOPLE_CONTENT_CATEGORY } from "./people";

export const EXPERIENCES_DOC = "https://learn.microsoft.com/graph/connecting-external-content-experiences";
export const PEOPLE_DOC = "https://learn.microsoft.com/microsoft-365-copilot/extensibility/build-connectors-with-people-data";

export const READINESS_TARGETS = ["copilot", "search", "none"] as const;
export type ReadinessTarget = (typeof READINESS_TARGETS)[number];
/** Shorter descriptions rarely tell Copilot what the connection holds. */
export const MEANINGFUL_DESCRIPTION_WORDS = 5;

export interface ReadinessFinding {
  requirement: string;
  met: boolean;
  /** What is missing and what to do, when not met. */
  detail: string;
  doc: string;
}

/** The parts of a connection readiness looks at, as declared or as read from Graph. */
export interface ReadinessSubject {
  description?: string;
  contentCategory?: string;
  schema?: { properties: ReadonlyArray<{ name: string; isSearchable?: boolean; labels?: readonly string[] }> };
  activitySettings?: { urlToItemResolvers?: readonly unknown[] };
  searchSettings?: { searchResultTemplates?: readonly unknown[] };
}

const has = (list: readonly unknown[] | undefined) => Array.isArray(list) && list.length > 0;

export function readinessFindings(subject: ReadinessSubject, target: ReadinessTarget): ReadinessFinding[] {
  if (target === "none") return [];
  const findings: ReadinessFinding[] = [];
  const add = (requirement: string, met: boolean, detail: string, doc = EXPERIENCES_DOC) => findings.push({ requirement, met, detail, doc });
  const properties = subject.schema?.properties ?? [];
  const labelled = (label: string) => properties.some((property) => (property.labels ?? []).includes(label));
  const people = subject.contentCategory === PEOPLE_CONTENT_CATEGORY;

  add("schema", subject.schema !== undefined, "declare a schema: without one the connection holds no items");
  if (people) {
    add("personAccount label", labelled("personAccount"), "label one property personAccount so items map to users", PEOPLE_DOC);
  } else {
    const labels = target === "copilot" ? ["title", "url", "iconUrl"] : ["title", "url"];
    for (const label of labels) {
      add(`${label} label`, labelled(label), `label a property '${label}'${target === "copilot" ? ": Copilot shows only items with title, url and iconUrl labels" : ": results show and link items by it"}`);
    }
    add("searchable content", properties.some((property) => property.isSearchable === true), "mark the properties holding the item's text isSearchable: prompts and queries match only those");
    if (target === "copilot") {
      add("URL-to-item resolver", has(subject.activitySettings?.urlToItemResolvers), "add activitySettings.urlToItemResolvers so links to the source shared in Microsoft 365 resolve to items");
    }
    add("result template", has(subject.searchSettings?.searchResultTemplates), "add searchSettings.searchResultTemplates (recommended) so results render with the item's fields");
  }
  const words = (subject.description ?? "").trim().split(/\s+/).filter(Boolean).length;
  add("meaningful description", words >= MEANINGFUL_DESCRIPTION_WORDS, `describe what the connection holds in at least ${MEANINGFUL_DESCRIPTION_WORDS} words: Copilot reads it to decide when to use the connection`);
  return findings;
}
