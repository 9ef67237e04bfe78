/** Microsoft Graph national clouds where connector APIs exist (graph-api.md section 7). */
export interface Cloud {
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
