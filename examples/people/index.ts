// A people connector: HR data that enriches Microsoft 365 user profiles (v1.0, global service only). In order:
// the connection with contentCategory "people" and a schema with one personAccount property and person* labels;
// its registration as a profile source; its place in the tenant's source precedence (the one list Microsoft 365
// reads, highest first). Pulumi's dependencies give that order, and `pulumi destroy` removes them in reverse.
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
    // People connectors ignore isSearchable, isQueryable, isRetrievable and isRefinable (all person data is
    // indexed), so the labelled properties need none; labels the people-data page does not support
    // (personManager, …) and principal types fail at preview.
    properties: [
      // Maps each item to its Entra user (userPrincipalName or object id); exactly one per people connector.
      { name: "accountInformation", type: "string", labels: ["personAccount"] },
      { name: "skills", type: "stringCollection", labels: ["personSkills"] },
      { name: "position", type: "string", labels: ["personCurrentPosition"] },
      { name: "aboutMe", type: "string", labels: ["personNote"] },
      { name: "requisitionId", type: "string", description: "The employee's requisition ID in the HR system" },
    ],
  },
});

const source = new ProfileSource("hr", {
  sourceId: hr.connectionId,
  displayName: config.get("sourceName") ?? "Contoso HR",
  kind: "Connector",
  webUrl: "https://hr.contoso.com", // the people-data page asks for an HTTPS link
  localizations: [{ languageTag: "de-DE", displayName: "Contoso Personal" }],
});

// First in the tenant's precedence; every other source's entry stays where it is. `position: "last"` puts it
// after the other sources (before Microsoft Entra ID, which Graph keeps in the list); `before`/`after` place it
// next to another source's sourceId.
const precedence = new ProfileSourcePriority("hr", { sourceId: source.sourceId, position: "first" });

export const prioritizedSourceUrls = precedence.prioritizedSourceUrls;
export const profileSourceId = source.profileSourceId;
export const state = hr.state;
