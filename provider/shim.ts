import type { dynamic } from "@pulumi/pulumi";

/**
 * The dynamic provider objects Pulumi serializes into state. Each method only `require`s the implementation
 * by package name at call time and delegates, so the serialized text is a few hundred bytes, captures
 * nothing but the type name, holds no credential, and picks up library upgrades on delete and refresh.
 * Keep every method free of other references: anything named here would be serialized by value.
 */
export function providerShim(type: string): dynamic.ResourceProvider {
  return {
    async configure(req) {
      require("pulumi-graph-connectors/provider-impl").v1.configure(req.config);
    },
    async check(olds, news) {
      return require("pulumi-graph-connectors/provider-impl").v1.check(type, olds, news);
    },
    async diff(id, olds, news) {
      return require("pulumi-graph-connectors/provider-impl").v1.diff(type, id, olds, news);
    },
    async create(inputs) {
      return require("pulumi-graph-connectors/provider-impl").v1.create(type, inputs);
    },
    async read(id, props) {
      return require("pulumi-graph-connectors/provider-impl").v1.read(type, id, props);
    },
    async update(id, olds, news) {
      return require("pulumi-graph-connectors/provider-impl").v1.update(type, id, olds, news);
    },
    async delete(id, props) {
      return require("pulumi-graph-connectors/provider-impl").v1.delete(type, id, props);
    },
  };
}
