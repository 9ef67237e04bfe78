/**
 * `pulumi-graph-connectors/provider-impl`: the dynamic resources' entry, `v1` (its host: dynamic/host.ts).
 * State written by every release calls it through this path (package.json `exports`): keep it here.
 */
export { v1 } from "./dynamic/host";
export type { Implementation } from "./dynamic/host";
