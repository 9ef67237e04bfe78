// A connection whose definition lives in Git. CI authenticates with workload identity federation: no
// secret is stored anywhere (see workflows/ and README.md). The provider picks the federated token up
// through AZURE_CLIENT_ID, AZURE_TENANT_ID and AZURE_FEDERATED_TOKEN_FILE.
import * as pulumi from "@pulumi/pulumi";
import { ExternalConnection, ExternalGroup } from "pulumi-graph-connectors";

const config = new pulumi.Config();
const owners = config.requireObject<string[]>("ownerObjectIds");

const tickets = new ExternalConnection("tickets", {
  connectionId: config.require("connectionId"),
  name: "Support tickets",
  description: "Resolved tickets from the support desk.",
  contentCategory: "qna",
  // The CI app plus the ingestion app may manage the connection.
  configuration: { authorizedAppIds: config.requireObject<string[]>("authorizedAppIds") },
  schema: {
    properties: [
      { name: "title", type: "string", isSearchable: true, isRetrievable: true, labels: ["title"] },
      { name: "url", type: "string", isRetrievable: true, labels: ["url"] },
      { name: "status", type: "string", isQueryable: true, isRetrievable: true, isRefinable: true },
      { name: "resolvedAt", type: "dateTime", isQueryable: true, isRetrievable: true, labels: ["lastModifiedDateTime"] },
    ],
  },
});

new ExternalGroup("ticket-owners", {
  connectionId: tickets.connectionId,
  groupId: "ticketOwners",
  displayName: "Ticket owners",
  members: owners.map((id) => ({ id, type: "user" as const })),
});

export const connectionState = tickets.state;
