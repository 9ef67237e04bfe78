// The smallest useful setup: a connection with a schema (registered and waited for), and an external group.
// Credentials: `pulumi config set msgraph:tenantId …`, `msgraph:clientId …`, `pulumi config set --secret
// msgraph:clientSecret …`, or the AZURE_* environment variables / az login.
import { ExternalConnection, ExternalGroup } from "pulumi-graph-connectors";

const wiki = new ExternalConnection("wiki", {
  connectionId: "contosowiki",
  name: "Contoso wiki",
  description: "Pages from the engineering wiki.",
  schema: {
    properties: [
      { name: "title", type: "string", isSearchable: true, isRetrievable: true, labels: ["title"] },
      { name: "url", type: "string", isRetrievable: true, labels: ["url"] },
      { name: "space", type: "string", isQueryable: true, isRetrievable: true, isRefinable: true },
    ],
  },
});

const editors = new ExternalGroup("editors", {
  connectionId: wiki.connectionId,
  groupId: "wikiEditors",
  displayName: "Wiki editors",
  members: [{ id: "6f1d2c3b-4a5e-4f60-8a7b-9c0d1e2f3a41", type: "user" }],
});

export const state = wiki.state;
export const group = editors.groupId;
