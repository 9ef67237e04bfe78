// The connector lifecycle through Microsoft's Kiota-based SDK, @microsoft/msgraph-sdk, run as its users run it:
// a native ES module (the SDK ships ESM only, which Jest's CommonJS runtime cannot load), started by
// tests/integration/kiotaClient.test.ts against an emulator it serves. Prints one JSON transcript on stdout.
//
// No published package carries the SDK's `external` request builders (@microsoft/msgraph-sdk-external and
// @microsoft/msgraph-beta-sdk-external are not on npm), so requests are built as those builders build them: a
// RequestInformation with the path's URL template, the SDK's own externalConnectors models to write and read
// bodies, and its ODataError for errors, sent through the SDK's GraphRequestAdapter and default middleware.
import { ClientSecretCredential } from "@azure/identity";
import { AzureIdentityAuthenticationProvider } from "@microsoft/kiota-authentication-azure";
import { HttpMethod, RequestInformation } from "@microsoft/kiota-abstractions";
import { HeadersInspectionOptions, RetryHandler } from "@microsoft/kiota-http-fetchlibrary";
import { GraphRequestAdapter } from "@microsoft/msgraph-sdk";
import { BatchRequestContent } from "@microsoft/msgraph-sdk-core";
import {
  createConnectionOperationFromDiscriminatorValue,
  createExternalConnectionFromDiscriminatorValue,
  createExternalGroupFromDiscriminatorValue,
  createIdentityFromDiscriminatorValue,
  createSchemaFromDiscriminatorValue,
  serializeExternalConnection,
  serializeExternalGroup,
  serializeIdentity,
  serializeSchema,
} from "@microsoft/msgraph-sdk/models/externalConnectors/index.js";
import { createODataErrorFromDiscriminatorValue } from "@microsoft/msgraph-sdk/models/oDataErrors/index.js";

const { EMULATOR_URL, TENANT_ID, CLIENT_ID, CLIENT_SECRET } = process.env;

// The client's retry handler waits through sleep(seconds); recording it keeps the run off the clock.
const waits = [];
RetryHandler.prototype.sleep = async function recordWait(seconds) {
  waits.push(seconds);
};

// As the SDK's README says: an @azure/identity credential, Graph's scope. For the emulator only: its Entra
// authority (and no instance discovery), its host among the provider's allowed hosts (by default Graph's own
// hosts only: a token is never sent elsewhere), and the adapter's baseUrl.
const credential = new ClientSecretCredential(TENANT_ID, CLIENT_ID, CLIENT_SECRET, {
  authorityHost: EMULATOR_URL,
  disableInstanceDiscovery: true,
});
const emulatorHost = new URL(EMULATOR_URL).hostname;
const adapter = new GraphRequestAdapter(
  new AzureIdentityAuthenticationProvider(credential, ["https://graph.microsoft.com/.default"], undefined, new Set([emulatorHost])),
);
adapter.baseUrl = `${EMULATOR_URL}/v1.0`;
const errorMappings = { XXX: createODataErrorFromDiscriminatorValue };

/** A request as the generated request builders make one. */
function request(method, template, parameters = {}, body, serializer) {
  const info = new RequestInformation(method, `{+baseurl}${template}`);
  Object.assign(info.pathParameters, parameters);
  info.headers.tryAdd("Accept", "application/json");
  if (body !== undefined) info.setContentFromParsable(adapter, "application/json", body, serializer);
  return info;
}

async function control(path, body) {
  const response = await fetch(`${EMULATOR_URL}/_emulator/${path}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`control ${path}: ${response.status}`);
}

const transcript = {};
const connection = { connectionId: "kiotahr" };

// Without the emulator's host among the allowed hosts, the provider sends no token, and the emulator, like
// Graph, answers 401.
const unauthenticated = new GraphRequestAdapter(
  new AzureIdentityAuthenticationProvider(credential, ["https://graph.microsoft.com/.default"]),
);
unauthenticated.baseUrl = adapter.baseUrl;
transcript.withoutAllowedHost = await unauthenticated
  .sendNoResponseContent(request(HttpMethod.GET, "/external/connections"), errorMappings)
  .then(
    () => "answered",
    (error) => error.responseStatusCode,
  );

const created = await adapter.send(
  request(
    HttpMethod.POST,
    "/external/connections",
    {},
    { id: "kiotahr", name: "Kiota HR", description: "Through the Kiota SDK" },
    serializeExternalConnection,
  ),
  createExternalConnectionFromDiscriminatorValue,
  errorMappings,
);
transcript.created = { id: created.id, name: created.name, state: created.state };

// The schema's long-running operation: 202 and a Location, read with the SDK's headers inspection option.
const inspection = new HeadersInspectionOptions({ inspectResponseHeaders: true });
const schemaRequest = request(
  HttpMethod.PATCH,
  "/external/connections/{connectionId}/schema",
  connection,
  {
    baseType: "microsoft.graph.externalItem",
    properties: [
      { name: "ticketTitle", type: "string", isSearchable: true, isRetrievable: true, labels: ["title"] },
      { name: "assignee", type: "string", isRetrievable: true },
    ],
  },
  serializeSchema,
);
schemaRequest.addRequestOptions([inspection]);
await adapter.sendNoResponseContent(schemaRequest, errorMappings);
const operationId = [...(inspection.getResponseHeaders().get("location") ?? [])][0]?.split("/").pop();
transcript.operationStatuses = [];
for (let poll = 0; poll < 3; poll++) {
  const operation = await adapter.send(
    request(HttpMethod.GET, "/external/connections/{connectionId}/operations/{operationId}", { ...connection, operationId }),
    createConnectionOperationFromDiscriminatorValue,
    errorMappings,
  );
  transcript.operationStatuses.push(operation.status);
  if (operation.status !== "inprogress") break;
  await control("clock", { advanceMs: 5000 }); // the emulator's clock, not a real wait
}
const schema = await adapter.send(
  request(HttpMethod.GET, "/external/connections/{connectionId}/schema", connection),
  createSchemaFromDiscriminatorValue,
  errorMappings,
);
transcript.schemaProperties = schema.properties.map((property) => `${property.name}:${property.type}`);
const ready = await adapter.send(
  request(HttpMethod.GET, "/external/connections/{connectionId}", connection),
  createExternalConnectionFromDiscriminatorValue,
  errorMappings,
);
transcript.state = ready.state;

const group = await adapter.send(
  request(
    HttpMethod.POST,
    "/external/connections/{connectionId}/groups",
    connection,
    { id: "sales", displayName: "Sales" },
    serializeExternalGroup,
  ),
  createExternalGroupFromDiscriminatorValue,
  errorMappings,
);
const member = await adapter.send(
  request(
    HttpMethod.POST,
    "/external/connections/{connectionId}/groups/{groupId}/members",
    { ...connection, groupId: "sales" },
    { id: "a1b2c3d4-0000-4000-8000-000000000001", type: "user" },
    serializeIdentity,
  ),
  createIdentityFromDiscriminatorValue,
  errorMappings,
);
transcript.group = { id: group.id, displayName: group.displayName };
transcript.member = { id: member.id, type: member.type };

// $batch with the SDK core's BatchRequestContent. Its step conversion copies no request headers
// (msgraph-sdk-core BatchRequestStep.js), so a step with a body would lack the Content-Type Graph requires:
// the batch holds reads and a delete.
const batch = new BatchRequestContent(adapter, errorMappings);
batch.addBatchRequest(
  request(HttpMethod.GET, "/external/connections/{connectionId}/groups/{groupId}", { ...connection, groupId: "sales" }),
  "group",
);
batch.addBatchRequest(
  request(HttpMethod.DELETE, "/external/connections/{connectionId}/groups/{groupId}/members/{memberId}", {
    ...connection,
    groupId: "sales",
    memberId: "a1b2c3d4-0000-4000-8000-000000000001",
  }),
  "member",
);
const batchAnswer = await batch.postAsync();
transcript.batchStatuses = Object.fromEntries(await batchAnswer.getResponsesStatusCodes());

// A Graph error, as the SDK raises it: its ODataError with the status, Graph's code and the request ids.
try {
  await adapter.send(
    request(HttpMethod.GET, "/external/connections/{connectionId}", { connectionId: "missing" }),
    createExternalConnectionFromDiscriminatorValue,
    errorMappings,
  );
  transcript.error = "none";
} catch (error) {
  // The SDK's ODataError keeps Graph's `error` object as `errorEscaped` (its own name for the reserved word).
  const main = error.errorEscaped;
  transcript.error = {
    status: error.responseStatusCode,
    code: main?.code,
    requestId: main?.innerError?.requestId,
    clientRequestId: main?.innerError?.clientRequestId,
  };
}

// A 429 with Retry-After from the emulator's fault queue: the SDK's retry handler waits what Graph asks.
await control("faults", { method: "GET", path: "^/v1.0/external/connections/kiotahr$", status: 429, retryAfterSeconds: 3, times: 1 });
const afterThrottling = await adapter.send(
  request(HttpMethod.GET, "/external/connections/{connectionId}", connection),
  createExternalConnectionFromDiscriminatorValue,
  errorMappings,
);
transcript.afterThrottling = afterThrottling.id;
transcript.waits = waits;

await adapter.sendNoResponseContent(request(HttpMethod.DELETE, "/external/connections/{connectionId}", connection), errorMappings);
transcript.deleted = true;
process.stdout.write(`${JSON.stringify(transcript)}\n`);
