/**
 * A Pulumi stack's configuration, for the commands beside the resources (`graph-connectors export` and
 * `doctor`), so they reach the tenant the stack's resources reach: `pulumi config --json --show-secrets` of a
 * stack of the project in the current directory. The Pulumi CLI decrypts the secrets with the user's own
 * passphrase or service; the values stay in this process's memory and its secrets are registered with the
 * process's redactor.
 *
 * The settings are read from `msgraph:*` (the dynamic resources' keys) or else `graph-connectors:*` (the native
 * provider's), key by key, and an error names the key a value came from.
 */
import { execFile } from "node:child_process";
import { GraphConnectorsError } from "../errors";
import { redact, Redactor } from "../graph/redact";
import { CONFIG_KEYS, ConfigSource } from "./settings";

const NATIVE_NAMESPACE = "graph-connectors";

/** One value of `pulumi config --json` (objects and lists come as `objectValue`; a secret shown has its `value`). */
interface ConfigEntry {
  value?: string;
  secret?: boolean;
}

/** Stack config as a source keyed like the dynamic resources' (`msgraph:tenantId`); its secrets go to `redactor`. */
export function stackConfigSource(entries: Record<string, ConfigEntry>, redactor: Redactor): ConfigSource {
  const nativeKey = (key: string) => key.replace(/^msgraph:/, `${NATIVE_NAMESPACE}:`);
  const holding = (key: string) =>
    [key, nativeKey(key)].find((name) => typeof entries[name]?.value === "string" && entries[name].value !== "");
  for (const entry of Object.values(entries)) if (entry.secret) redactor.register(entry.value);
  return {
    get: (key) => {
      const name = holding(key);
      return name === undefined ? undefined : entries[name].value;
    },
    nameOf: (key) => holding(key) ?? key,
  };
}

/** The settings keys a stack sets, in either namespace (to say which were read, never their values). */
export function settingKeys(entries: Record<string, ConfigEntry>): string[] {
  const names = Object.values(CONFIG_KEYS).flatMap((key) => [key, key.replace(/^msgraph:/, `${NATIVE_NAMESPACE}:`)]);
  return names.filter((name) => entries[name] !== undefined);
}

/**
 * Runs `pulumi config --json --show-secrets` in `cwd` for `stack` (the selected stack when undefined) and
 * returns its entries; fails with what Pulumi said, redacted.
 */
export function readStackConfig(options: { cwd: string; stack?: string; env?: NodeJS.ProcessEnv }): Promise<Record<string, ConfigEntry>> {
  const args = ["config", "--json", "--show-secrets", "--non-interactive", ...(options.stack ? ["--stack", options.stack] : [])];
  return new Promise((resolve, reject) => {
    execFile(
      "pulumi",
      args,
      { cwd: options.cwd, env: options.env ?? process.env, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const which = options.stack ? `stack '${options.stack}'` : "the selected stack";
        if (error) {
          const said = redact(`${stderr}`.trim().split("\n").filter(Boolean).slice(0, 3).join("; ")) || error.message;
          reject(new GraphConnectorsError(`could not read the config of ${which} with \`pulumi config\` in ${options.cwd}: ${said}`));
          return;
        }
        try {
          resolve(JSON.parse(stdout) as Record<string, ConfigEntry>);
        } catch {
          reject(new GraphConnectorsError(`\`pulumi config --json\` of ${which} did not print JSON`));
        }
      },
    );
  });
}
