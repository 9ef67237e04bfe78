import { connectionFields } from "../../../model/connection";
import type { ConnectionSchema } from "../../../model/schema";

export interface SchemaPropertyInput {
  /** 1-32 letters and digits, unique in the schema. */
  name: string;
  /** `string`, `int64`, `double`, `dateTime`, `boolean`, the `…Collection` variants, `principal`, `principalCollection`. Case-insensitive. */
  type: string;
  isSearchable?: boolean;
  isQueryable?: boolean;
  isRetrievable?: boolean;
  /** Mutually exclusive with `isSearchable`. A new property may be refinable; an existing one cannot become refinable in place. */
  isRefinable?: boolean;
  /** Beta: exact matching for a non-searchable string property. Setting it registers the schema through /beta. */
  isExactMatchRequired?: boolean;
  /** Beta: relevance of the property. Setting it registers the schema through /beta. */
  rankingHint?: { importanceScore: "low" | "medium" | "high" | "veryHigh" };
  /** Semantic labels as the metadata names them, e.g. `title`, `url`, `assignedToPeople`; each label on one property only. */
  labels?: string[];
  aliases?: string[];
  description?: string;
}

export interface SchemaInput {
  /** @default "microsoft.graph.externalItem" */
  baseType?: string;
  /** 1-128 properties. */
  properties: SchemaPropertyInput[];
}

export interface PropertyRule {
  property: string;
  operation: string;
  values: string[];
  valuesJoinedBy: "or" | "and";
}

export interface DisplayTemplate {
  /** 1-16 letters and digits. */
  id: string;
  /** An Adaptive Card, e.g. `{ type: "AdaptiveCard", version: "1.3", body: [...] }`. */
  layout: Record<string, unknown>;
  /** Positive; lower is evaluated first. */
  priority: number;
  rules?: PropertyRule[];
}

export interface SearchSettings {
  /** At most 2 templates. */
  searchResultTemplates?: DisplayTemplate[];
}

export interface ItemIdResolver {
  "@odata.type"?: string;
  priority: number;
  itemId: string;
  urlMatchInfo: { baseUrls: string[]; urlPattern: string };
}

export interface ActivitySettings {
  urlToItemResolvers?: ItemIdResolver[];
}

export interface ComplianceSettings {
  /** Templates for eDiscovery results; Adaptive Cards up to version 1.2. */
  eDiscoveryResultTemplates?: DisplayTemplate[];
}

export interface ConnectionConfiguration {
  /** Entra app ids allowed to manage the connection; Graph adds the calling app when omitted. */
  authorizedAppIds?: string[];
}

/** Inputs of an ExternalConnection as the provider receives them (unwrapped). */
export interface ExternalConnectionInputs {
  /** The connection id: 3-32 letters and digits, unique in the tenant. Changing it replaces the connection. */
  connectionId: string;
  name: string;
  description?: string;
  configuration?: ConnectionConfiguration;
  activitySettings?: ActivitySettings;
  searchSettings?: SearchSettings;
  /** The Teams app id; Graph cannot change it, so a change replaces the connection. */
  connectorId?: string;
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
