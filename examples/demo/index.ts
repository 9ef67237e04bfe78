// Entry point for `pulumi up` with the Pulumi CLI (see Pulumi.yaml); `npm run demo` runs the same program.
import { tenantSetup } from "./program";

const outputs = tenantSetup();
export const connectionId = outputs.connectionId;
export const connectionState = outputs.connectionState;
export const schemaProperties = outputs.schemaProperties;
export const groups = outputs.groups;
