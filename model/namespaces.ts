/** OData namespaces of the types this package uses (metadata `<Schema Namespace=…>`). */
export const EXTERNAL_CONNECTORS = "microsoft.graph.externalConnectors";
