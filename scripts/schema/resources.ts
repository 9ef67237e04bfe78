import { CLOUDS } from "../../provider/graph/clouds";

/**
 * The resources the native provider serves, with the TypeScript types that define them. The schema is read
 * off these types (the same ones the dynamic resources and the handlers use), so the two cannot drift.
 */
export interface ResourceSource {
  /** Resource type name, the last part of the token `graph-connectors:index:<name>`. */
  name: string;
  /** File (from the package root) declaring the input and output interfaces. */
  typesFile: string;
  inputs: string;
  outputs: string;
  /** The dynamic resource class whose doc comment describes the resource. */
  sdkFile: string;
  /** What `pulumi import` takes, for the registry docs; absent when Graph cannot read the object back. */
  importId?: { example: string; form: string };
  /** Said in the import section instead when the type cannot be imported. */
  notImportable?: string;
}

export const RESOURCES: ResourceSource[] = [
  {
    name: "ExternalConnection", typesFile: "provider/resources/externalConnection/types.ts",
    inputs: "ExternalConnectionInputs", outputs: "ExternalConnectionOutputs", sdkFile: "sdk/externalConnection.ts",
    importId: { example: "kb contosohr", form: "the connection id" },
  },
  {
    name: "ExternalGroup", typesFile: "provider/resources/externalGroup/types.ts",
    inputs: "ExternalGroupInputs", outputs: "ExternalGroupOutputs", sdkFile: "sdk/externalGroup.ts",
    importId: { example: "sales contosohr/sales", form: "`<connectionId>/<groupId>`; Graph cannot list a group's members, so an imported group declares none" },
  },
  {
    name: "ExternalGroupMember", typesFile: "provider/resources/externalGroup/types.ts",
    inputs: "ExternalGroupMemberInputs", outputs: "ExternalGroupMemberOutputs", sdkFile: "sdk/externalGroup.ts",
    notImportable: "Graph cannot list or read an external group's members, so members cannot be imported; declare them (adding an existing member again is harmless).",
  },
  {
    name: "ExternalGroupSet", typesFile: "provider/resources/externalGroup/types.ts",
    inputs: "ExternalGroupSetInputs", outputs: "ExternalGroupSetOutputs", sdkFile: "sdk/externalGroup.ts",
    notImportable: "Graph cannot list a connection's groups or a group's members, so a set cannot be imported; declare it with `adoptExisting: true` to take over the groups that exist (adding an existing member again is harmless).",
  },
  {
    name: "Connector", typesFile: "provider/resources/appProxy/types.ts",
    inputs: "ConnectorInputs", outputs: "ConnectorOutputs", sdkFile: "sdk/connector.ts",
    importId: { example: "agent1 <connectorId>", form: "the connector's Graph id" },
  },
  {
    name: "ConnectorGroup", typesFile: "provider/resources/appProxy/types.ts",
    inputs: "ConnectorGroupInputs", outputs: "ConnectorGroupOutputs", sdkFile: "sdk/connector.ts",
    importId: { example: "eu <connectorGroupId>", form: "the connector group's Graph id" },
  },
  {
    name: "ProfileSource", typesFile: "provider/resources/people/types.ts",
    inputs: "ProfileSourceInputs", outputs: "ProfileSourceOutputs", sdkFile: "sdk/people.ts",
    importId: { example: "hr contosohr", form: "the source's sourceId (the people connector's connection id)" },
  },
  {
    name: "ProfileSourcePriority", typesFile: "provider/resources/people/types.ts",
    inputs: "ProfileSourcePriorityInputs", outputs: "ProfileSourcePriorityOutputs", sdkFile: "sdk/people.ts",
    importId: { example: "hr contosohr", form: "the source's sourceId (a 0.2.x id `<propertyName>/<sourceId>` is read as its sourceId)" },
  },
];

/** The provider's configuration, the same settings as the dynamic resources' `msgraph:*` (provider/config/settings.ts). */
export const CONFIG_PROPERTIES: Record<string, { description: string; secret?: boolean }> = {
  tenantId: { description: "The Entra tenant id. Falls back to `AZURE_TENANT_ID`, then `ARM_TENANT_ID`." },
  clientId: { description: "The application (client) id. Falls back to `AZURE_CLIENT_ID`, then `ARM_CLIENT_ID`." },
  clientSecret: { description: "The client secret. Falls back to `AZURE_CLIENT_SECRET`, then `ARM_CLIENT_SECRET`; without one, `ARM_OIDC_TOKEN` (a federated token) or the Azure CLI's sign-in is used.", secret: true },
  environment: { description: `The national cloud: ${Object.keys(CLOUDS).map((name) => `\`${name}\``).join(", ")} (default \`global\`). Falls back to \`MSGRAPH_ENVIRONMENT\`.` },
  endpoint: { description: "The Graph root, e.g. `https://graph.microsoft.com` (the cloud's by default; `MSGRAPH_ENDPOINT`). Must use https." },
  authorityHost: { description: "The Entra authority host (the cloud's by default; `MSGRAPH_AUTHORITY_HOST`, `AZURE_AUTHORITY_HOST`). Must use https." },
};
