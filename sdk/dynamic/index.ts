/** pulumi-graph-connectors: Microsoft Graph connectors as Pulumi resources. */
export { ExternalConnection } from "./externalConnection";
export type { ExternalConnectionArgs, SchemaInput } from "./externalConnection";
export { ExternalGroup, ExternalGroupMember, ExternalGroupSet } from "./externalGroup";
export type { ExternalGroupArgs, ExternalGroupMemberArgs, ExternalGroupSetArgs, ExternalGroupSpec, MemberInput } from "./externalGroup";
export { Connector, ConnectorGroup } from "./connector";
export type { ConnectorArgs, ConnectorGroupArgs } from "./connector";
export type { ConnectionSchema, SchemaProperty } from "../../model/schema";
export * from "./people";
