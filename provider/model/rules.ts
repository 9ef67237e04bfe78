/**
 * Microsoft Graph connector rules: limits, reserved ids, enums and name patterns.
 * One home for these facts, shared by the provider's `check` and by the emulator, so both enforce the same
 * documented service behaviour. Sources: shared/reference/graph-api.md sections 1-3 and 6.3.
 */

/** Connection ids: 3-32 alphanumeric characters (a hyphen gives 400 InvalidRequest, msgraph-search-connector-sample#15). */
export const CONNECTION_ID_PATTERN = /^[A-Za-z0-9]{3,32}$/;

/** Ids the service refuses for connections (compared case-insensitively). */
export const RESERVED_CONNECTION_IDS: readonly string[] = [
  "None", "Directory", "Exchange", "ExchangeArchive", "LinkedIn", "Mailbox", "OneDriveBusiness", "SharePoint",
  "Teams", "Yammer", "Connectors", "TaskFabric", "PowerBI", "Assistant", "TopicEngine", "MSFT_All_Connectors",
];

export const CONNECTION_NAME_MAX_LENGTH = 128;
export const SEARCH_RESULT_TEMPLATES_MAX = 2;
/** displayTemplate ids: at most 16 alphanumeric characters. */
export const TEMPLATE_ID_PATTERN = /^[A-Za-z0-9]{1,16}$/;

/** External group ids: alphanumeric, at most 128 characters, unique within the connection. */
export const GROUP_ID_PATTERN = /^[A-Za-z0-9]{1,128}$/;

export const SCHEMA_BASE_TYPE = "microsoft.graph.externalItem";
export const SCHEMA_PROPERTIES_MIN = 1;
export const SCHEMA_PROPERTIES_MAX = 128;
/** Property names and aliases: at most 32 alphanumeric characters. */
export const PROPERTY_NAME_PATTERN = /^[A-Za-z0-9]{1,32}$/;
export const PROPERTY_DESCRIPTION_MAX_LENGTH = 200;

/** Entra object and application ids. */
export const GUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** JSON batching: at most 20 requests in one `$batch`. */
export const BATCH_MAX_REQUESTS = 20;

export const CONNECTION_STATES = ["draft", "ready", "obsolete", "limitExceeded", "unknownFutureValue"] as const;
export type ConnectionState = (typeof CONNECTION_STATES)[number];

export const PROPERTY_TYPES = [
  "string", "int64", "double", "dateTime", "boolean", "stringCollection", "int64Collection", "doubleCollection",
  "dateTimeCollection", "principal", "principalCollection",
] as const;
export type PropertyType = (typeof PROPERTY_TYPES)[number];

export const CONTENT_CATEGORIES = [
  "uncategorized", "knowledgeBase", "wikis", "fileRepository", "qna", "crm", "dashboard", "people", "media", "email",
  "messaging", "meetingTranscripts", "taskManagement", "learningManagement",
] as const;

export const RULE_OPERATIONS = [
  "null", "equals", "notEquals", "contains", "notContains", "lessThan", "greaterThan", "startsWith",
] as const;

/** Member identity types: v1.0 `identity.type`; `externalGroup` nests another external group. */
export const MEMBER_TYPES = ["user", "group", "externalGroup"] as const;
export type MemberType = (typeof MEMBER_TYPES)[number];

/**
 * Semantic labels and the property type each one needs ("property type must match label type").
 * Labels mapped to `string` also accept nothing else; the collection labels need `stringCollection`.
 */
export const LABEL_TYPES: Readonly<Record<string, readonly PropertyType[]>> = {
  title: ["string"],
  url: ["string"],
  createdBy: ["string"],
  lastModifiedBy: ["string"],
  authors: ["stringCollection"],
  createdDateTime: ["dateTime"],
  lastModifiedDateTime: ["dateTime"],
  fileName: ["string"],
  fileExtension: ["string"],
  containerName: ["string"],
  containerUrl: ["string"],
  iconUrl: ["string"],
  assignedTo: ["string"],
  dueDate: ["dateTime"],
  closedDate: ["dateTime"],
  closedBy: ["string"],
  reportedBy: ["string"],
  sprintName: ["string"],
  severity: ["string"],
  state: ["string"],
  priority: ["string"],
  secondaryId: ["string"],
  itemParentId: ["string"],
  parentUrl: ["string"],
  tags: ["stringCollection"],
  itemType: ["string"],
  itemPath: ["string"],
  numReactions: ["int64"],
};

/** Only these types may be full-text searchable. */
export const SEARCHABLE_TYPES: readonly PropertyType[] = ["string", "stringCollection"];
/** Only string and numeric types may be refinable. */
export const REFINABLE_TYPES: readonly PropertyType[] = [
  "string", "int64", "double", "dateTime", "stringCollection", "int64Collection", "doubleCollection", "dateTimeCollection",
];

/** Why a connection id is refused, or undefined when the service accepts it. */
export function connectionIdProblem(id: string): string | undefined {
  if (!CONNECTION_ID_PATTERN.test(id)) return "must be 3-32 characters, letters and digits only";
  if (/^microsoft/i.test(id)) return "must not begin with 'Microsoft'";
  if (RESERVED_CONNECTION_IDS.some((reserved) => reserved.toLowerCase() === id.toLowerCase())) {
    return `'${id}' is reserved by Microsoft 365`;
  }
  return undefined;
}

/**
 * Whether an Adaptive Card layout is one the service can register. A broken card is the trigger of the
 * documented "503 then 409" known issue, so the emulator uses this to decide when to reproduce it.
 */
export function adaptiveCardProblem(layout: unknown): string | undefined {
  if (layout === null || typeof layout !== "object" || Array.isArray(layout)) return "layout must be an Adaptive Card object";
  const card = layout as Record<string, unknown>;
  if (card.type !== "AdaptiveCard") return "layout.type must be 'AdaptiveCard'";
  if (typeof card.version !== "string" || !/^\d+\.\d+$/.test(card.version)) return "layout.version must look like '1.3'";
  if (card.body !== undefined && !Array.isArray(card.body)) return "layout.body must be an array";
  return undefined;
}
