// One program for every environment: ids get the stack's suffix, and each stack's config picks the cloud
// (msgraph:environment) and the readers. `pulumi stack select dev|prod && pulumi up`.
import * as pulumi from "@pulumi/pulumi";
import { ExternalConnection, ExternalGroup } from "pulumi-graph-connectors";

const config = new pulumi.Config();
const suffix = config.require("suffix");

const policies = new ExternalConnection("policies", {
  connectionId: `policies${suffix}`,
  name: `Policies (${suffix})`,
  description: "Company policies.",
  schema: {
    properties: [
      { name: "title", type: "string", isSearchable: true, isRetrievable: true, labels: ["title"] },
      { name: "url", type: "string", isRetrievable: true, labels: ["url"] },
    ],
  },
});

new ExternalGroup("readers", {
  connectionId: policies.connectionId,
  groupId: `readers${suffix}`,
  members: config.requireObject<string[]>("readers").map((id) => ({ id, type: "user" as const })),
});

export const state = policies.state;
