/**
 * Every Graph enum this package sends or reads, with the metadata's members in the metadata's order
 * (sentinel included; v1.0 `v1.0-externalConnectors.csdl.xml`, beta-only ones from `beta-type-mappings.json`,
 * App Proxy ones from the beta `microsoft.graph` enums). tests/conformance holds each list against the metadata.
 */
import { ApiVersion } from "./apiVersion";
import { evolvableMembers } from "./enums";
import { EXTERNAL_CONNECTORS as EC } from "./namespaces";

export interface EnumDef {
  members: readonly string[];
  /** Members after `unknownFutureValue`. */
  evolvable: readonly string[];
  /** A flag enum: several members sent as one comma-separated string. */
  flags?: true;
  /** @default both */
  versions?: readonly ApiVersion[];
}

function define(members: readonly string[], extra: Partial<EnumDef> = {}): EnumDef {
  return { members, evolvable: evolvableMembers(members), ...extra };
}

export const ENUMS = {
  [`${EC}.connectionState`]: define(["draft", "ready", "obsolete", "limitExceeded", "unknownFutureValue"]),
  [`${EC}.connectionOperationStatus`]: define(["unspecified", "inprogress", "completed", "failed", "unknownFutureValue"]),
  [`${EC}.contentCategory`]: define([
    "uncategorized",
    "knowledgeBase",
    "wikis",
    "fileRepository",
    "qna",
    "crm",
    "dashboard",
    "people",
    "media",
    "email",
    "messaging",
    "meetingTranscripts",
    "taskManagement",
    "learningManagement",
    "unknownFutureValue",
  ]),
  // Beta only, a flag enum ("search, compliance"); the beta mappings list members alphabetically, so the order
  // here is the docs' (enums-externalconnectors.md): search, compliance, unknownFutureValue.
  [`${EC}.contentExperienceType`]: define(["search", "compliance", "unknownFutureValue"], { flags: true, versions: ["beta"] }),
  [`${EC}.identityType`]: define(["user", "group", "externalGroup", "unknownFutureValue"]),
  [`${EC}.label`]: define([
    "title",
    "url",
    "createdBy",
    "lastModifiedBy",
    "authors",
    "createdDateTime",
    "lastModifiedDateTime",
    "fileName",
    "fileExtension",
    "unknownFutureValue",
    "containerName",
    "containerUrl",
    "iconUrl",
    "assignedToPeople",
    "closedBy",
    "closedDate",
    "priority",
    "sprintName",
    "tags",
    "severity",
    "state",
    "dueDate",
    "itemParentId",
    "itemPath",
    "itemType",
    "numberOfReactions",
    "parentUrl",
    "priorityNormalized",
    "reportedBy",
    "secondaryId",
    "personEmails",
    "personAddresses",
    "personAnniversaries",
    "personName",
    "personNote",
    "personPhones",
    "personCurrentPosition",
    "personWebAccounts",
    "personWebSite",
    "personSkills",
    "personProjects",
    "personAccount",
    "personAwards",
    "personCertifications",
    "personAssistants",
    "personColleagues",
    "personManager",
    "personAlternateContacts",
    "personEmergencyContacts",
    "personEducationalActivities",
    "personInterests",
    "personLanguages",
    "personPublications",
    "personPatents",
    "personWorkPositions",
  ]),
  [`${EC}.propertyType`]: define([
    "string",
    "int64",
    "double",
    "dateTime",
    "boolean",
    "stringCollection",
    "int64Collection",
    "doubleCollection",
    "dateTimeCollection",
    "unknownFutureValue",
    "principal",
    "principalCollection",
  ]),
  [`${EC}.ruleOperation`]: define([
    "null",
    "equals",
    "notEquals",
    "contains",
    "notContains",
    "lessThan",
    "greaterThan",
    "startsWith",
    "unknownFutureValue",
  ]),
  // Beta only; alphabetical in the beta mappings, in the docs' order here (rankingHint resource page).
  [`${EC}.importanceScore`]: define(["low", "medium", "high", "veryHigh", "unknownFutureValue"], { versions: ["beta"] }),
  "microsoft.graph.connectorStatus": define(["active", "inactive"], { versions: ["beta"] }),
  "microsoft.graph.connectorGroupType": define(["applicationProxy"], { versions: ["beta"] }),
  "microsoft.graph.connectorGroupRegion": define(["nam", "eur", "aus", "asia", "ind", "unknownFutureValue"], { versions: ["beta"] }),
} as const satisfies Record<string, EnumDef>;

export type EnumName = keyof typeof ENUMS;
