/**
 * Graph's error answers (docs concepts/errors.md; graph-api.md 6.1): an OData error body whose `code` is what a
 * client branches on (casing differs between services), with `innerError` carrying the request id and, for the
 * connectors service, the detail of a deserialization failure.
 */
export interface GraphErrorBody {
  error: {
    code: string;
    message: string;
    innerError?: { code?: string; message?: string; date?: string; "request-id"?: string; "client-request-id"?: string };
  };
}

/**
 * A body Graph's OData layer cannot read (a property the type does not declare, a value of the wrong type, an
 * unknown `@odata.type`): 400 `InvalidRequest` "The request is malformed or incorrect." with innerError
 * `DeserializationError` and OData's own message (microsoftgraph/microsoft-graph-docs#11984 shows the
 * connectors service answering this way; the property message is OData's, as in msgraph-sdk-dotnet#450).
 */
export const MALFORMED_REQUEST = { status: 400, code: "InvalidRequest", message: "The request is malformed or incorrect.", innerCode: "DeserializationError" } as const;
