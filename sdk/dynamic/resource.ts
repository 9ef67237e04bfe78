import * as pulumi from "@pulumi/pulumi";
import type { ResourceType } from "../../provider/engine/registry";

/** The module of every type token: `pulumi-nodejs:dynamic/graph-connectors:<Type>`. */
export const MODULE = "graph-connectors";

/**
 * The provider of `type`: the whole exports of its module, provider/dynamic/<Type>.ts, so that an installed
 * package serializes it as a `require` of that module (provider/dynamic/shim.ts). One instance per type for the
 * whole program (Node caches the module): Pulumi caches the serialized text per instance, so every resource of
 * a type shares one serialization.
 */
export function providerOf(type: ResourceType): pulumi.dynamic.ResourceProvider {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a require by path, so Pulumi serializes the provider as a require of that module
  return require(`../../provider/dynamic/${type}`) as pulumi.dynamic.ResourceProvider;
}

/**
 * A dynamic resource of this package: its class names its type, one of the registry's (provider/engine/
 * registry.ts), which gives it its provider and its type token.
 */
export abstract class GraphConnectorsResource extends pulumi.dynamic.Resource {
  protected constructor(type: ResourceType, name: string, props: pulumi.Inputs, opts?: pulumi.CustomResourceOptions) {
    super(providerOf(type), name, props, opts, MODULE, type);
  }
}
