import { ImportSupport, RESOURCE_TYPES, RESOURCES, ResourceType, SchemaSource } from "../../provider/engine/registry";
import { CLOUDS } from "../../provider/graph/clouds";

/**
 * The resources the native provider serves, with the TypeScript types that define them: the registry's entries
 * (provider/engine/registry.ts). The schema is read off these types (the same ones the dynamic resources and
 * the handlers use), so the two cannot drift.
 */
export interface ResourceSource extends SchemaSource {
  /** Resource type name, the last part of the token `graph-connectors:index:<name>`. */
  name: ResourceType;
  import: ImportSupport;
}

export const SCHEMA_RESOURCES: ResourceSource[] = RESOURCE_TYPES.map((name) => ({ name, ...RESOURCES[name].schema, import: RESOURCES[name].import }));

/** The provider's configuration, the same settings as the dynamic resources' `msgraph:*` (provider/config/settings.ts). */
export const CONFIG_PROPERTIES: Record<string, { description: string; secret?: boolean }> = {
  tenantId: { description: "The Entra tenant id. Falls back to `AZURE_TENANT_ID`, then `ARM_TENANT_ID`." },
  clientId: { description: "The application (client) id. Falls back to `AZURE_CLIENT_ID`, then `ARM_CLIENT_ID`." },
  clientSecret: { description: "The client secret. Falls back to `AZURE_CLIENT_SECRET`, then `ARM_CLIENT_SECRET`; without one, `ARM_OIDC_TOKEN` (a federated token) or the Azure CLI's sign-in is used.", secret: true },
  environment: { description: `The national cloud: ${Object.keys(CLOUDS).map((name) => `\`${name}\``).join(", ")} (default \`global\`). Falls back to \`MSGRAPH_ENVIRONMENT\`.` },
  endpoint: { description: "The Graph root, e.g. `https://graph.microsoft.com` (the cloud's by default; `MSGRAPH_ENDPOINT`). Must use https." },
  authorityHost: { description: "The Entra authority host (the cloud's by default; `MSGRAPH_AUTHORITY_HOST`, `AZURE_AUTHORITY_HOST`). Must use https." },
};
