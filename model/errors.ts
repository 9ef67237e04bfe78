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
export const MALFORMED_REQUEST = {
  status: 400,
  code: "InvalidRequest",
  message: "The request is malformed or incorrect.",
  innerCode: "DeserializationError",
} as const;

/**
 * A request refused because an operation on the same connection is still running. Graph documents this only
 * in words, for a DELETE of a connection already being deleted: "any subsequent calls to the delete endpoint
 * returns back an error message saying this operation is already in progress"
 * (microsoft-graph-docs-contrib#2257; the delete page gives neither status nor code). Whether a schema
 * submitted while a schema operation runs is refused the same way is not documented at all (the patch-schema
 * page says only "It can take between 5 and 15 minutes for the schema to be created").
 * The status and code are our reading: 409, "The current state conflicts with what the request expects", and
 * `notAllowed`, "The action is not allowed by the system" (concepts/errors.md). No client may depend on them:
 * the provider treats any refusal of a connection DELETE as "look with GET" and never branches on this code.
 */
export const OPERATION_IN_PROGRESS = { status: 409, code: "notAllowed" } as const;
