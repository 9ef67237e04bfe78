/**
 * Microsoft Graph's national clouds where the connector APIs exist, and who a Graph access token is for.
 *
 * Graph roots and authorities: concepts/deployments.md (graph-api.md section 7); "Tokens are not interchangeable
 * across clouds" and a national cloud's scope names that cloud's Graph host, e.g. `https://graph.microsoft.us/.default`
 * (concepts/sdks/national-clouds.md). The connector pages' national-cloud table marks 21Vianet unsupported.
 */
export interface Cloud {
  /** The Graph root a token for this cloud is issued for, and where requests go unless an endpoint overrides it. */
  graphEndpoint: string;
  authorityHost: string;
}

export const CLOUDS = {
  global: { graphEndpoint: "https://graph.microsoft.com", authorityHost: "https://login.microsoftonline.com" },
  usgov: { graphEndpoint: "https://graph.microsoft.us", authorityHost: "https://login.microsoftonline.us" },
  usgovdod: { graphEndpoint: "https://dod-graph.microsoft.us", authorityHost: "https://login.microsoftonline.us" },
} as const satisfies Record<string, Cloud>;

export type CloudName = keyof typeof CLOUDS;

/** 21Vianet serves Graph, but not the connector APIs, so asking for it is a configuration error. */
export const UNSUPPORTED_CLOUDS: Readonly<Record<string, string>> = {
  china: "Microsoft Graph connectors are not available in the China (21Vianet) cloud",
};

export function isCloudName(name: string): name is CloudName {
  return Object.prototype.hasOwnProperty.call(CLOUDS, name);
}

/**
 * What a client asks Entra for: the cloud's Graph resource with `/.default` (concepts/auth-v2-service.md: "scope
 * … https://graph.microsoft.com/.default"), whatever host the requests then travel to. A token asked for with a
 * proxy's or an emulator's URL is issued for that URL, and Graph refuses it (graph-api.md, Corrections
 * 2026-12-06, "Token audience"); every Graph SDK asks for this scope.
 */
export function graphScope(cloud: CloudName): string {
  return `${CLOUDS[cloud].graphEndpoint}/.default`;
}

/** Microsoft Graph's application id, the same in every cloud: a token's `aud` may name Graph by it. */
export const GRAPH_APP_ID = "00000003-0000-0000-c000-000000000000";

/**
 * The `aud` values a cloud's Graph accepts (graph-api.md, Corrections 2026-12-06, "Token audience"): its resource
 * URI, with or without the trailing slash (a v1 token for resource `https://graph.microsoft.com/` carries the
 * slash), or Graph's application id. Anything else (ARM's `https://management.azure.com`, a proxy's URL) is
 * another resource's token.
 */
export function graphAudiences(cloud: CloudName): string[] {
  const root = CLOUDS[cloud].graphEndpoint;
  return [root, `${root}/`, GRAPH_APP_ID];
}
