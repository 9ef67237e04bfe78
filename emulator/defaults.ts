/**
 * The emulator's built-in tenant and app registration. These are test values for a local emulator only:
 * they unlock nothing anywhere else. The client secret is deliberately long and distinctive so tests can
 * assert it never reaches Pulumi state or logs.
 */
export const EMULATOR_TENANT_ID = "7e1c1f6e-0b7a-4c43-9d59-0e3b5a4f2c11";
export const EMULATOR_CLIENT_ID = "3c5d8f0a-6b1e-4f2d-8a9c-1d2e3f4a5b6c";
export const EMULATOR_CLIENT_SECRET = "emu~LocalOnlySecret.7Q9x2Lr8Vw4Kp6Zt1Hn3";

/**
 * The environment that points this package's provider at an emulator served at `url`, signed in as the
 * built-in app (what `npm run emulator` prints for a shell): Graph and Entra endpoints, then credentials.
 */
export function emulatorEnvironment(url: string): Record<string, string> {
  return {
    MSGRAPH_ENDPOINT: url,
    MSGRAPH_AUTHORITY_HOST: url,
    AZURE_TENANT_ID: EMULATOR_TENANT_ID,
    AZURE_CLIENT_ID: EMULATOR_CLIENT_ID,
    AZURE_CLIENT_SECRET: EMULATOR_CLIENT_SECRET,
  };
}

export interface AppRegistration {
  clientId: string;
  /** The app's service principal object id (token `oid`/`sub` of its app-only tokens). @default derived from clientId */
  objectId?: string;
  /** Accepts `client_secret` when set. */
  clientSecret?: string;
  /** Accepts a `client_assertion` JWT (certificate or workload identity federation). */
  acceptsAssertions?: boolean;
  /** Application permissions granted to the app. @default {@link DEFAULT_APP_ROLES} */
  roles?: string[];
}

/**
 * A user who can sign in with the password grant (a delegated token, `idtyp: user`), as `UsernamePasswordCredential`
 * or DefaultAzureCredential with AZURE_USERNAME/AZURE_PASSWORD do. Delegated scopes are what the user consented to.
 */
export interface UserAccount {
  username: string;
  password: string;
  objectId: string;
  /** Delegated permissions of tokens issued to this user (token `scp`). */
  scopes: string[];
}

/** The emulator's built-in administrator: delegated rights for App Proxy and the connector APIs. */
export const EMULATOR_USER: UserAccount = {
  username: "admin@contoso.example",
  password: "emu~LocalOnlyUserPassword.4Rt8",
  objectId: "5b2a7c1e-3d4f-4e6a-9b8c-7d6e5f4a3b2c",
  scopes: ["Directory.ReadWrite.All", "ExternalConnection.ReadWrite.All", "ExternalItem.ReadWrite.All", "PeopleSettings.ReadWrite.All"],
};

/** The least-privileged permissions for connections, schema, groups and members. */
export const OWNED_BY_ROLES = ["ExternalConnection.ReadWrite.OwnedBy", "ExternalItem.ReadWrite.OwnedBy"];
/** What the built-in app is granted: the OwnedBy pair, and people settings for people connectors' profile sources. */
export const DEFAULT_APP_ROLES = [...OWNED_BY_ROLES, "PeopleSettings.ReadWrite.All"];

export const DEFAULT_APPS: AppRegistration[] = [
  { clientId: EMULATOR_CLIENT_ID, clientSecret: EMULATOR_CLIENT_SECRET, acceptsAssertions: true },
];
