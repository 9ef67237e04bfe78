/**
 * The two Graph API versions the connector objects live in (graph-api.md section 0). A type's properties
 * differ between them: metadata `v1.0-Prod.csdl` vs `beta-*-types.json` (tests/conformance/graph-metadata).
 */
export const API_VERSIONS = ["v1.0", "beta"] as const;
export type ApiVersion = (typeof API_VERSIONS)[number];
