import type { dynamic } from "@pulumi/pulumi";
import { basename } from "node:path";

/**
 * The dynamic provider objects Pulumi serializes into state. Each method only `require`s the implementation
 * by package name at call time and delegates, so the serialized text is small, captures nothing but the
 * type name, holds no credential, and picks up library upgrades on delete and refresh.
 * Keep every method free of other references: anything named here would be serialized by value.
 *
 * Each type's shim is the whole `module.exports` of its own module, provider/dynamic/<Type>.ts, named after the
 * type. Pulumi's closure serializer writes an object that is a module's exports inside `node_modules` as
 * `require("<package>/<path>")` (runtime/closure/createClosure.ts, captureModuleAsync), so an installed
 * package puts ~0.2 KB of `__provider` in the state of each resource, twice (inputs and outputs), instead of
 * the ~2.4 KB these seven closures take by value. The state is rewritten after every step, so its size is what
 * paces a large `pulumi up` on a file or blob backend. A package linked from outside `node_modules` (`npm link`,
 * a `file:` directory) is serialized by value as before, which works the same.
 */
export function providerShim(type: string): dynamic.ResourceProvider {
  // Resolved in the provider process, from the program's node_modules; serialized once for all methods.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- inside the serialized closure: an import would be captured by value
  const v1 = () => require("pulumi-graph-connectors/provider-impl").v1;
  return {
    configure: async (req) => v1().configure(req.config),
    check: async (olds, news) => v1().check(type, olds, news),
    diff: async (id, olds, news) => v1().diff(type, id, olds, news),
    create: async (inputs) => v1().create(type, inputs),
    read: async (id, props) => v1().read(type, id, props),
    update: async (id, olds, news) => v1().update(type, id, olds, news),
    delete: async (id, props) => v1().delete(type, id, props),
  };
}

/** The shim of the type a provider/dynamic/<Type>.ts module is named after (its `__filename`). */
export function shimOfModule(filename: string): dynamic.ResourceProvider {
  return providerShim(basename(filename).replace(/\.[jt]s$/, ""));
}
