/** The local Microsoft Graph connectors emulator, for tests, the demo and offline CI. */
export { GraphEmulator } from "./server";
export type { EmulatorOptions, LoggedRequest } from "./server";
export type { FaultRule } from "./faults";
export { realCostTimer } from "./costTimer";
export type { CostTimer } from "./costTimer";
export { EMULATOR_CLIENT_ID, EMULATOR_CLIENT_SECRET, EMULATOR_TENANT_ID, emulatorEnvironment } from "./defaults";
export { tlsDirectory, trustBundlePath } from "./tls";
