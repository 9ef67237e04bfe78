import { providerShim } from "../provider/shim";

/**
 * One provider instance per type for the whole program: Pulumi caches the serialized text per instance,
 * so every resource of a type shares one serialization.
 */
export const providers = {
  ExternalConnection: providerShim("ExternalConnection"),
  ExternalGroup: providerShim("ExternalGroup"),
  ExternalGroupMember: providerShim("ExternalGroupMember"),
  Connector: providerShim("Connector"),
  ConnectorGroup: providerShim("ConnectorGroup"),
  ProfileSource: providerShim("ProfileSource"),
  ProfileSourcePriority: providerShim("ProfileSourcePriority"),
};

/** The module of every type token: `pulumi-nodejs:dynamic/graph-connectors:<Type>`. */
export const MODULE = "graph-connectors";
