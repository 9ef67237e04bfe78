/**
 * What a connection needs to surface in the experience it targets, beyond being valid, at the level the docs
 * give it:
 * - **required**: what the docs say must be there, or nothing surfaces. Copilot: "The `iconUrl`, `title`,
 *   and `url` labels must be applied for content to surface in Copilot." (connecting-external-content-experiences,
 *   section Microsoft 365 Copilot). Any target: a schema, as a connection without one (state `draft`) takes
 *   no items (connecting-external-content-manage-connections, the states table).
 * - **recommended**: what the docs say helps. Copilot: searchable properties ("Apply the `searchable` property
 *   label to schema properties with stored content that you would like your users' prompts to match against"),
 *   a URL-to-item resolver ("Microsoft 365 Copilot has a higher likelihood of displaying content that has been
 *   shared"), a meaningful description ("Rich descriptions improve the likelihood of displaying content in
 *   Copilot"). Microsoft Search: semantic labels ("help with ranking, relevance, and default display templates
 *   in search results"), property attributes, and "Optionally, add searchSettings ... to register custom result
 *   types for your search results" (result templates; reported for Copilot too, as the admin's inline-results
 *   switch shows a connection's items in Search and Copilot alike).
 * - **agent** (only for the `agent` target): the labels a declarative agent filters a connector's items by,
 *   from the declarative agent manifest 1.8 (m365copilot-docs declarative-agent-manifest-1.8.md, Connection
 *   object): `items_by_path` "Filters the items available to the agent by item paths (the `itemPath` semantic
 *   label on items)", `items_by_container_name` by "the `containerName` semantic label", and
 *   `items_by_container_url` by "the `containerUrl` semantic label". An agent uses whichever filters it needs,
 *   so each label is its own finding.
 * People connectors (model/people.ts) surface through profiles instead: they keep their own rule, one property
 * labelled `personAccount` ("The schema must have one property with the `personAccount` label to be able to
 * map the `externalItem` to a person", build-connectors-with-people-data), whatever the target.
 */
import { PEOPLE_CONTENT_CATEGORY } from "./people";

export const EXPERIENCES_DOC = "https://learn.microsoft.com/graph/connecting-external-content-experiences";
export const CONNECTION_STATES_DOC = "https://learn.microsoft.com/graph/connecting-external-content-manage-connections";
export const PEOPLE_DOC = "https://learn.microsoft.com/microsoft-365-copilot/extensibility/build-connectors-with-people-data";
export const AGENT_MANIFEST_DOC = "https://learn.microsoft.com/microsoft-365-copilot/extensibility/declarative-agent-manifest-1.8";

/** The experience a connection is made for; `agent` is Copilot through a declarative agent that scopes the connection. */
export const READINESS_TARGETS = ["copilot", "search", "agent", "none"] as const;
export type ReadinessTarget = (typeof READINESS_TARGETS)[number];

export const READINESS_LEVELS = ["required", "recommended", "agent"] as const;
export type ReadinessLevel = (typeof READINESS_LEVELS)[number];

/** Shorter descriptions rarely tell Copilot what the connection holds (the docs give no number: this is ours). */
export const MEANINGFUL_DESCRIPTION_WORDS = 5;

/** The labels a declarative agent scopes a connector by, each with the manifest property that filters on it. */
export const AGENT_SCOPE_LABELS = {
  itemPath: "items_by_path",
  containerName: "items_by_container_name",
  containerUrl: "items_by_container_url",
} as const;

export interface ReadinessFinding {
  requirement: string;
  level: ReadinessLevel;
  met: boolean;
  /** What is missing and what to do, when not met. */
  detail: string;
  /** The input the finding is about, e.g. `schema` or `activitySettings.urlToItemResolvers`. */
  path: string;
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
  const add = (level: ReadinessLevel, requirement: string, met: boolean, path: string, detail: string, doc = EXPERIENCES_DOC) =>
    findings.push({ requirement, level, met, detail, path, doc });
  const properties = subject.schema?.properties ?? [];
  const labelled = (label: string) => properties.some((property) => (property.labels ?? []).includes(label));
  const copilot = target === "copilot" || target === "agent";

  add(
    "required",
    "schema",
    subject.schema !== undefined,
    "schema",
    "declare a schema: a connection without one stays in draft and takes no items",
    CONNECTION_STATES_DOC,
  );
  if (subject.contentCategory === PEOPLE_CONTENT_CATEGORY) {
    add(
      "required",
      "personAccount label",
      labelled("personAccount"),
      "schema",
      "label one property personAccount so items map to users",
      PEOPLE_DOC,
    );
    return findings;
  }
  for (const label of ["title", "url", "iconUrl"]) {
    if (copilot)
      add(
        "required",
        `${label} label`,
        labelled(label),
        "schema",
        `label a property '${label}': Copilot shows only items with the title, url and iconUrl labels`,
      );
    else if (label !== "iconUrl")
      add(
        "recommended",
        `${label} label`,
        labelled(label),
        "schema",
        `label a property '${label}': Microsoft Search ranks and displays results by it`,
      );
  }
  add(
    "recommended",
    "searchable content",
    properties.some((property) => property.isSearchable === true),
    "schema",
    "mark the properties holding the item's text isSearchable: prompts and queries match only those",
  );
  if (copilot) {
    add(
      "recommended",
      "URL-to-item resolver",
      has(subject.activitySettings?.urlToItemResolvers),
      "activitySettings.urlToItemResolvers",
      "add activitySettings.urlToItemResolvers so links to the source shared in Microsoft 365 resolve to items, which Copilot then shows more likely",
    );
  }
  add(
    "recommended",
    "result template",
    has(subject.searchSettings?.searchResultTemplates),
    "searchSettings.searchResultTemplates",
    "add searchSettings.searchResultTemplates so the items render with their fields in Microsoft Search results",
  );
  if (copilot) {
    const words = (subject.description ?? "").trim().split(/\s+/).filter(Boolean).length;
    add(
      "recommended",
      "meaningful description",
      words >= MEANINGFUL_DESCRIPTION_WORDS,
      "description",
      `describe what the connection holds in at least ${MEANINGFUL_DESCRIPTION_WORDS} words: Copilot reads it to decide when to use the connection`,
    );
  }
  if (target === "agent") {
    for (const [label, filter] of Object.entries(AGENT_SCOPE_LABELS)) {
      add(
        "agent",
        `${label} label`,
        labelled(label),
        "schema",
        `label a property '${label}' so a declarative agent can scope the connection with ${filter}`,
        AGENT_MANIFEST_DOC,
      );
    }
  }
  return findings;
}
