/**
 * Loads a module from beside the installed `@pulumi/pulumi`'s generated stubs (`proto/provider_pb`), so that
 * the stubs and the Structs built for them share one copy of `google-protobuf` (pulumiRuntime.ts).
 *
 * The self-contained plugin (scripts/plugin/bundle.ts) has no `node_modules` to resolve from at run time: its
 * bundler puts in place of this module one that requires the same modules, resolved from the same place when
 * the plugin is built.
 */
import { createRequire } from "node:module";

export const fromPulumi: NodeJS.Require = createRequire(require.resolve("@pulumi/pulumi/proto/provider_pb"));
