/**
 * The demo tenant setup: an HR knowledge connection with its schema, search result template and URL
 * resolver; external groups (one with its whole member set, one with individually managed members, one
 * nested). `npm run demo` deploys it against the embedded emulator; with `msgraph:*` stack config set it
 * deploys to a real tenant. (Application Proxy needs a user sign-in, so it lives in its own stack:
 * examples/app-proxy.)
 */
import * as pulumi from "@pulumi/pulumi";
import { ExternalConnection, ExternalGroup, ExternalGroupMember } from "../../sdk/dynamic";

const resultCard = {
  type: "AdaptiveCard",
  version: "1.3",
  $schema: "http://adaptivecards.io/schemas/adaptive-card.json",
  body: [
    { type: "TextBlock", text: "[${title}](${url})", weight: "Bolder", size: "Medium", wrap: true },
    { type: "TextBlock", text: "${summary}", wrap: true, maxLines: 3 },
    { type: "TextBlock", text: "Owner: ${owner}", isSubtle: true, spacing: "Small" },
  ],
};

export function tenantSetup() {
  const config = new pulumi.Config("demo");
  const connectionId = config.get("connectionId") ?? "contosohr";
  // Entra object ids of the HR business partners (any GUIDs work against the emulator).
  const partners = config.getObject<string[]>("partnerUserIds") ?? [
    "6f1d2c3b-4a5e-4f60-8a7b-9c0d1e2f3a41",
    "6f1d2c3b-4a5e-4f60-8a7b-9c0d1e2f3a42",
    "6f1d2c3b-4a5e-4f60-8a7b-9c0d1e2f3a43",
  ];

  const connection = new ExternalConnection("hr-knowledge", {
    connectionId,
    name: "Contoso HR knowledge base",
    description: "HR policies and how-to articles from the Contoso HR portal.",
    contentCategory: "knowledgeBase",
    searchSettings: {
      searchResultTemplates: [
        {
          id: "hrArticle",
          priority: 1,
          layout: resultCard,
          rules: [{ property: "category", operation: "equals", values: ["policy", "howto"], valuesJoinedBy: "or" }],
        },
      ],
    },
    activitySettings: {
      urlToItemResolvers: [
        {
          "@odata.type": "#microsoft.graph.externalConnectors.itemIdResolver",
          priority: 1,
          itemId: "{slug}",
          urlMatchInfo: { baseUrls: ["https://hr.contoso.com"], urlPattern: "/articles/(?<slug>[a-z0-9-]+)" },
        },
      ],
    },
    schema: {
      baseType: "microsoft.graph.externalItem",
      properties: [
        { name: "title", type: "string", isSearchable: true, isRetrievable: true, labels: ["title"] },
        { name: "url", type: "string", isRetrievable: true, labels: ["url"] },
        { name: "summary", type: "string", isSearchable: true, isRetrievable: true },
        { name: "owner", type: "string", isQueryable: true, isRetrievable: true, labels: ["createdBy"] },
        { name: "category", type: "string", isQueryable: true, isRetrievable: true, isRefinable: true },
        { name: "tags", type: "stringCollection", isSearchable: true, isRetrievable: true, labels: ["tags"] },
        { name: "lastModified", type: "dateTime", isQueryable: true, isRetrievable: true, labels: ["lastModifiedDateTime"] },
      ],
    },
  });

  const businessPartners = new ExternalGroup("hr-business-partners", {
    connectionId: connection.connectionId,
    groupId: "hrBusinessPartners",
    displayName: "HR business partners",
    description: "May read confidential HR articles.",
    members: partners.map((id) => ({ id, type: "user" as const })),
  });

  // A group whose members include another external group (nested ACLs).
  const hrEveryone = new ExternalGroup(
    "hr-everyone",
    {
      connectionId: connection.connectionId,
      groupId: "hrEveryone",
      displayName: "All of HR",
      members: [{ id: "hrBusinessPartners", type: "externalGroup" }],
    },
    { dependsOn: [businessPartners] },
  );

  // Membership managed one resource at a time, e.g. from another team's stack.
  const contractors = new ExternalGroup("hr-contractors", {
    connectionId: connection.connectionId,
    groupId: "hrContractors",
    displayName: "HR contractors",
  });
  new ExternalGroupMember("contractor-alex", {
    connectionId: connection.connectionId,
    groupId: contractors.groupId,
    memberId: "6f1d2c3b-4a5e-4f60-8a7b-9c0d1e2f3a51",
    memberType: "user",
  });

  return {
    connectionId: connection.connectionId,
    connectionState: connection.state,
    schemaProperties: connection.schema.apply((schema) => schema?.properties.length ?? 0),
    groups: pulumi.all([businessPartners.groupId, hrEveryone.groupId, contractors.groupId]),
  };
}
