/** The national clouds live in model/clouds.ts (a Graph fact the emulator shares); re-exported for the provider. */
export { CLOUDS, graphScope, isCloudName, UNSUPPORTED_CLOUDS } from "../../model/clouds";
export type { Cloud, CloudName } from "../../model/clouds";
