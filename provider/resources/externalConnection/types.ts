import { connectionFields } from "../../../model/connection";
import type { ConnectionSchema } from "../../../model/schema";

// Descriptions follow the property tables of Graph's resource pages (api-reference/{v1.0,beta}/resources/
// externalconnectors-<type>.md): externalConnection, schema, property, displayTemplate, propertyRule,
// searchSettings, activitySettings, itemIdResolver, urlMatchInfo, configuration, complianceSettings, rankingHint.
// They reach the package schema, so every language's SDK and the registry docs (scripts/schema/).

/** A property of a connection's schema: what Microsoft Search and Copilot may do with the items' values. */

export interface SchemaPropertyInput {
  /** 1-32 letters and digits, unique in the schema. */
  name: string;
  /** `string`, `int64`, `double`, `dateTime`, `boolean`, the `…Collection` variants, `principal`, `principalCollection`. Case-insensitive. */
  type: string;
  /** The property's text is indexed for full-text search; only `string` and `stringCollection` properties can be searchable. */
  isSearchable?: boolean;
  /** The property can be used in Keyword Query Language (KQL) queries. */
  isQueryable?: boolean;
  /** The property is returned with search results and can be shown by result templates. */
  isRetrievable?: boolean;
  /** Mutually exclusive with `isSearchable`. A new property may be refinable; an existing one cannot become refinable in place. */
  isRefinable?: boolean;
  /** Beta: exact matching for a non-searchable string property. Setting it registers the schema through /beta. */
  isExactMatchRequired?: boolean;
  /** Beta: relevance of the property. Setting it registers the schema through /beta. */
  rankingHint?: {
    /** `low`, `medium`, `high` or `veryHigh`. */
    importanceScore: "low" | "medium" | "high" | "veryHigh";
  };
  /** Semantic labels as the metadata names them, e.g. `title`, `url`, `assignedToPeople`; each label on one property only. */
  labels?: string[];
  /** Friendly names for the property, each up to 32 letters and digits. */
  aliases?: string[];
  /** What the property holds, in words; at most 200 characters. */
  description?: string;
}

/** A connection's schema: the properties its items carry. */
export interface SchemaInput {
  /** @default "microsoft.graph.externalItem" */
  baseType?: string;
  /** 1-128 properties. */
  properties: SchemaPropertyInput[];
}

/** A condition a result must meet for its template to be used: `property` `operation` one of `values`. */
export interface PropertyRule {
  /** A property of the connection's schema. */
  property: string;
  /** `equals`, `notEquals`, `contains`, `notContains`, `lessThan`, `greaterThan` or `startsWith`. */
  operation: string;
  /** The values the property is compared with. */
  values: string[];
  /** How this rule combines with the template's other rules: `and` (all must hold) or `or`. */
  valuesJoinedBy: "or" | "and";
}

/** A result template: how matching items of the connection are shown in search results. */
export interface DisplayTemplate {
  /** 1-16 letters and digits. */
  id: string;
  /** An Adaptive Card, e.g. `{ type: "AdaptiveCard", version: "1.3", body: [...] }`. */
  layout: Record<string, unknown>;
  /** Positive; lower is evaluated first. */
  priority: number;
  /** Conditions on an item's properties for choosing this template. */
  rules?: PropertyRule[];
}

/** How the connection's items appear in Microsoft Search results. */
export interface SearchSettings {
  /** At most 2 templates. */
  searchResultTemplates?: DisplayTemplate[];
}

/** A rule that resolves a URL shared in Microsoft 365 to the id of one of the connection's items. */
export interface ItemIdResolver {
  "@odata.type"?: string;
  /** The resolver's priority among the connection's resolvers. */
  priority: number;
  /** The item id the URL stands for, built from the named groups of `urlPattern` in curly brackets, e.g. `{slug}`. */
  itemId: string;
  /** Which URLs the resolver handles. */
  urlMatchInfo: {
    /** URL prefixes a URL must start with to be resolved here. */
    baseUrls: string[];
    /** An ECMAScript regular expression matched against the URL; its named groups feed `itemId`. */
    urlPattern: string;
  };
}

/** Settings for activities on the connection's content, such as URLs shared in Teams or Outlook. */
export interface ActivitySettings {
  /** How URLs shared in Microsoft 365 are matched to the connection's items. */
  urlToItemResolvers?: ItemIdResolver[];
}

/** Beta: how the connection's items appear in eDiscovery. */
export interface ComplianceSettings {
  /** Templates for eDiscovery results; Adaptive Cards up to version 1.2. */
  eDiscoveryResultTemplates?: DisplayTemplate[];
}

/** Which applications may manage the connection and index its content. */
export interface ConnectionConfiguration {
  /** Entra app ids allowed to manage the connection; Graph adds the calling app when omitted. */
  authorizedAppIds?: string[];
}

/** Inputs of an ExternalConnection as the provider receives them (unwrapped). */
export interface ExternalConnectionInputs {
  /** The connection id: 3-32 letters and digits, unique in the tenant. Changing it replaces the connection. */
  connectionId: string;
  /** The connection's display name in the Microsoft 365 admin center, at most 128 characters. */
  name: string;
  /** The connection's description in the Microsoft 365 admin center; Copilot reads it to decide when to use the connection. */
  description?: string;
  /** Other applications allowed to manage the connection and index its content. */
  configuration?: ConnectionConfiguration;
  /** How URLs shared in Microsoft 365 resolve to the connection's items. */
  activitySettings?: ActivitySettings;
  /** The result templates of the connection's items in search. */
  searchSettings?: SearchSettings;
  /** The Teams app id; Graph cannot change it, so a change replaces the connection. */
  connectorId?: string;
  /**
   * The kind of content the connection holds, which helps relevance and Copilot: `uncategorized` (Graph's
   * default), `knowledgeBase`, `wikis`, `fileRepository`, `qna`, `crm`, `dashboard`, `people`, `media`, `email`,
   * `messaging`, `meetingTranscripts`, `taskManagement`, `learningManagement`.
   */
  contentCategory?: string;
  /** Beta: eDiscovery result templates. Setting a beta field manages the connection through /beta. */
  complianceSettings?: ComplianceSettings;
  /** Beta: `"search"`, `"compliance"` or `"search, compliance"`. */
  enabledContentExperiences?: string;
  /** The connection's schema; registered after create and waited for. */
  schema?: SchemaInput | ConnectionSchema;
  /** Take over a connection that already exists with this id instead of failing on 409. @default false */
  adoptExisting?: boolean;
  /**
   * The experience the connection must be ready for: `copilot`, `search`, `agent` (Copilot through a
   * declarative agent that scopes the connection by path or container) or `none`. Preview warns, one line per
   * gap with its level and the docs link: **required** (Copilot: the `title`, `url` and `iconUrl` labels; any
   * target: a schema), **recommended** (searchable content, URL-to-item resolvers, result templates, a
   * meaningful description; for Search, the `title` and `url` labels), and with `agent` the **agent** labels
   * `itemPath`, `containerName`, `containerUrl`. People connectors: the `personAccount` label instead.
   * @default "copilot"
   */
  readiness?: string;
  /**
   * Fail the preview instead of warning for readiness gaps: `"required"` fails on required gaps only,
   * `"recommended"` on required and recommended ones, `"agent"` on required ones and the agent labels
   * (readiness `agent`), `true` on every gap the target reports (as in 0.2.x). @default false
   */
  strictReadiness?: boolean | "required" | "recommended" | "agent";
  /** Read `ingestedItemsCount` and `itemsRemaining` (beta) into the outputs on every create, update and refresh. @default false */
  reportUsage?: boolean;
  /** How long to wait for a schema operation. @default 1800 */
  schemaTimeoutSeconds?: number;
  /** How long to wait for the asynchronous delete to finish. @default 600 */
  deleteTimeoutSeconds?: number;
}

export interface ExternalConnectionOutputs extends ExternalConnectionInputs {
  schema?: ConnectionSchema;
  /** `draft` until a schema is registered, then `ready` (or `obsolete`, `limitExceeded`). */
  state: string;
  /** Beta, with `reportUsage`: the items Graph holds for the connection. */
  ingestedItemsCount?: number;
  /** Beta, with `reportUsage`: the items the connection's quota still allows. */
  itemsRemaining?: number;
  /**
   * The Location of a schema operation Graph was still running when a run stopped waiting for it
   * (`schemaTimeoutSeconds`); the next `pulumi up` waits for that operation instead of submitting the schema
   * again. Present only after such a run.
   */
  schemaOperation?: string;
}

/**
 * Connection fields that map one-to-one to Graph properties (the beta type's writable properties, a superset
 * of v1.0's), managed only when set; which ones a request may carry depends on its version (model/connection.ts).
 */
export const MANAGED_FIELDS = connectionFields("beta") as Array<keyof ExternalConnectionInputs & string>;
