// A people connector: HR data that enriches Microsoft 365 user profiles (v1.0). In order: the connection with
// contentCategory "people" and a schema with one personAccount property and person* labels; its registration
// as a profile source; its place first in the prioritized sources of the profile properties it feeds. Pulumi's
// dependencies give that order, and `pulumi destroy` removes them in reverse.
// Permissions: ExternalConnection.ReadWrite.OwnedBy, ExternalItem.ReadWrite.OwnedBy, PeopleSettings.ReadWrite.All.
import * as pulumi from "@pulumi/pulumi";
import { ExternalConnection, ProfileSource, ProfileSourcePriority } from "pulumi-graph-connectors";

const config = new pulumi.Config();

const hr = new ExternalConnection("hr", {
  connectionId: "contosohrpeople",
  name: "Contoso HR people data",
  description: "Skills, current positions and notes of Contoso employees from the HR system.",
  contentCategory: "people",
  schema: {
    properties: [
      // Maps each item to its Entra user (userPrincipalName or object id); exactly one per people connector.
      { name: "accountInformation", type: "string", isRetrievable: true, labels: ["personAccount"] },
      { name: "skills", type: "stringCollection", isRetrievable: true, labels: ["personSkills"] },
      { name: "position", type: "string", isRetrievable: true, labels: ["personCurrentPosition"] },
      { name: "aboutMe", type: "string", isRetrievable: true, labels: ["personNote"] },
    ],
  },
});

const source = new ProfileSource("hr", {
  sourceId: hr.connectionId,
  displayName: config.get("sourceName") ?? "Contoso HR",
  kind: "Connector",
  webUrl: "https://hr.contoso.com",
  localizations: [{ languageTag: "de-DE", displayName: "Contoso Personal" }],
});

// First in line for the properties this source feeds; other sources keep their places.
export const priorities = ["skills", "positions", "notes"].map((propertyName) =>
  new ProfileSourcePriority(`hr-${propertyName}`, { propertyName, sourceId: source.sourceId, position: "first" }).prioritizedSourceUrls);

export const profileSourceId = source.profileSourceId;
export const state = hr.state;
