/**
 * The extracts of Microsoft's Graph metadata that tests/conformance reads, cut out of a microsoftgraph/msgraph-metadata
 * checkout: what `npm run refresh-metadata` writes to tests/conformance/graph-metadata/. Pure text functions; the
 * command (refresh.ts) reads the checkout and writes the files.
 */

/** Where the extracts come from, for the comment each file carries. */
export interface MetadataSource {
  /** The checkout's commit, abbreviated as git does (8 characters). */
  commit: string;
  /** The commit's date, YYYY-MM-DD. */
  date: string;
  /** The date the type mappings were last regenerated upstream, YYYY-MM-DD. */
  typeMappingsDate: string;
}

const LICENSE_NOTE = "MIT License, Copyright (c) 2018 Microsoft Graph.";
const EXTERNAL_CONNECTORS = "microsoft.graph.externalConnectors";

/** Types of namespace `microsoft.graph` that register a people connector as a profile source (v1.0). */
export const PEOPLE_ADMIN_TYPES = ["peopleAdminSettings", "profilePropertySetting", "profileSource", "profileSourceLocalization"] as const;

/** Beta types of namespace `microsoft.graph` the package manages or reads besides the externalConnectors namespace. */
export const BETA_GRAPH_TYPES = {
  entity: [
    "connector",
    "connectorGroup",
    "entity",
    "onPremisesPublishingProfile",
    "peopleAdminSettings",
    "profilePropertySetting",
    "profileSource",
  ],
  complex: ["connectorStatusDetails"],
  enum: ["connectorGroupRegion", "connectorGroupType", "connectorStatus", "onPremisesPublishingType"],
} as const;

/** The whole `<Schema Namespace="…">…</Schema>` element of a CSDL, as it stands there. */
function schemaElement(csdl: string, namespace: string): string {
  const start = csdl.search(new RegExp(`<Schema Namespace="${namespace.replace(/\./g, "\\.")}"[ >]`));
  if (start < 0) throw new Error(`the CSDL has no schema for namespace ${namespace}`);
  const end = csdl.indexOf("</Schema>", start);
  return csdl.slice(start, end + "</Schema>".length);
}

/** One `<EntityType|ComplexType Name="name">…</…>` element of the `microsoft.graph` schema. */
function typeElement(schema: string, name: string): string {
  const match = new RegExp(`<(EntityType|ComplexType) Name="${name}"[^>]*?(/>|>[\\s\\S]*?</\\1>)`).exec(schema);
  if (!match) throw new Error(`the microsoft.graph schema has no type ${name}`);
  return match[0];
}

/** v1.0-externalConnectors.csdl.xml: the complete externalConnectors namespace of schemas/v1.0-Prod.csdl. */
export function externalConnectorsExtract(v1Csdl: string, source: MetadataSource): string {
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<!-- Extract of microsoftgraph/msgraph-metadata schemas/v1.0-Prod.csdl at commit ${source.commit} (${source.date}): the complete ${EXTERNAL_CONNECTORS} namespace. ${LICENSE_NOTE} -->`,
    `${schemaElement(v1Csdl, EXTERNAL_CONNECTORS)}`,
    "",
  ].join("\n");
}

/** v1.0-people-admin.csdl.xml: the people-admin types of namespace microsoft.graph in schemas/v1.0-Prod.csdl. */
export function peopleAdminExtract(v1Csdl: string, source: MetadataSource): string {
  const graph = schemaElement(v1Csdl, "microsoft.graph");
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<!-- Extract of microsoftgraph/msgraph-metadata schemas/v1.0-Prod.csdl at commit ${source.commit} (${source.date}): people-admin types used to register a people connector as a profile source (namespace microsoft.graph). ${LICENSE_NOTE} -->`,
    '<Schema Namespace="microsoft.graph" Alias="graph">',
    ...PEOPLE_ADMIN_TYPES.map((name) => typeElement(graph, name)),
    "</Schema>",
    "",
  ].join("\n");
}

type Mapping = Record<string, Record<string, unknown>>;
export interface BetaTypeMappings {
  entity: Mapping;
  complex: Mapping;
  enum: Mapping;
}

/**
 * beta-type-mappings.json: from schemas/type-mappings/beta-{entity,complex,enum}-types.json, the whole
 * externalConnectors namespace and the microsoft.graph types in {@link BETA_GRAPH_TYPES}.
 */
export function betaTypeMappingsExtract(mappings: BetaTypeMappings, source: MetadataSource): string {
  const pick = (kind: keyof BetaTypeMappings): Mapping => {
    const graph = mappings[kind]["microsoft.graph"] ?? {};
    const missing = BETA_GRAPH_TYPES[kind].filter((name) => !(name in graph));
    if (missing.length > 0) throw new Error(`beta-${kind}-types.json has no microsoft.graph ${missing.join(", ")}`);
    const connectors = mappings[kind][EXTERNAL_CONNECTORS];
    if (!connectors) throw new Error(`beta-${kind}-types.json has no ${EXTERNAL_CONNECTORS} namespace`);
    return {
      [EXTERNAL_CONNECTORS]: connectors,
      "microsoft.graph": Object.fromEntries(BETA_GRAPH_TYPES[kind].map((name) => [name, graph[name]])),
    };
  };
  const extract = {
    source: `microsoftgraph/msgraph-metadata schemas/type-mappings/beta-*-types.json at commit ${source.commit} (generated ${source.typeMappingsDate}); ${LICENSE_NOTE} Members of each type and enum are listed alphabetically (the beta CSDL with member order is not included).`,
    types: { entity: pick("entity"), complex: pick("complex"), enum: pick("enum") },
  };
  return JSON.stringify(extract, null, 1);
}
