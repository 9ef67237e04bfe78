/** pulumi-graph-connectors: Microsoft Graph connectors as Pulumi resources (the dynamic resources, one class per registered type). */
export * from "./externalConnection";
export * from "./externalGroup";
export * from "./connector";
export * from "./people";
export type { ConnectionSchema, SchemaProperty } from "../../model/schema";
