import { join } from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { EMULATOR_CLIENT_ID, EMULATOR_CLIENT_SECRET, EMULATOR_TENANT_ID } from "../../emulator";
import { RESOURCE_TYPES } from "../../provider/engine/registry";
import { providerOf } from "../../sdk/dynamic/resource";
import { projectDirectory } from "../../scripts/emulatorStack";
import { graphCalls, useEmulator } from "../helpers/harness";
import { scratchDir } from "../helpers/scratch";

// eslint-disable-next-line @typescript-eslint/no-require-imports -- the loader Pulumi's dynamic-provider host uses, without type declarations
const requireFromString = require("require-from-string") as (
  code: string,
  filename: string,
) => { handler(): pulumi.dynamic.ResourceProvider };

const env = useEmulator({ schemaProvisioningMs: 10, deletionMs: 10 });

describe("serialized providers", () => {
  test.each(RESOURCE_TYPES)("%s serializes to a small shim without secrets, paths or captured modules", async (type) => {
    const provider = providerOf(type);
    const serialized = await pulumi.runtime.serializeFunction(() => provider, { allowSecrets: true });
    expect(serialized.containsSecrets).toBe(false);
    expect(serialized.text.length).toBeLessThan(2500);
    expect(serialized.text).not.toMatch(/\/(work|root|home|tmp)\//);
    expect(serialized.text).not.toContain(EMULATOR_CLIENT_SECRET);
    expect([...serialized.text.matchAll(/require\("([^"]+)"\)/g)].map((match) => match[1])).toEqual([
      "pulumi-graph-connectors/provider-impl",
    ]);
    expect(serialized.text).toContain(`"${type}"`);
  });

  test.each(RESOURCE_TYPES)("%s has its module at the path installed state requires, exported by the package", (type) => {
    // State written from an installed package holds `require("pulumi-graph-connectors/dist/provider/dynamic/<Type>.js")`.
    const path = `pulumi-graph-connectors/dist/provider/dynamic/${type}.js`;
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- by package path, exactly as state written from an installed package requires it
    const shim = require(path) as pulumi.dynamic.ResourceProvider;
    expect(Object.keys(shim).sort()).toEqual(["check", "configure", "create", "delete", "diff", "read", "update"]);
  });

  test("the serialized ExternalConnection provider runs against the emulator the way the plugin runs it", async () => {
    const shim = providerOf("ExternalConnection");
    const serialized = await pulumi.runtime.serializeFunction(() => shim, { allowSecrets: true });
    // Like the dynamic provider plugin: evaluate the text in a project directory where the package is installed.
    const project = projectDirectory(scratchDir("graph-serialized-"));
    const provider = requireFromString(serialized.text, join(project, "__provider.js")).handler();
    const settings: Record<string, string> = {
      "msgraph:tenantId": EMULATOR_TENANT_ID,
      "msgraph:clientId": EMULATOR_CLIENT_ID,
      "msgraph:clientSecret": EMULATOR_CLIENT_SECRET,
      "msgraph:endpoint": env.emulator.url,
      "msgraph:authorityHost": env.emulator.url,
    };
    await provider.configure!({ config: { get: (key: string) => settings[key], require: (key: string) => settings[key] } });
    const checked = await provider.check!({}, { connectionId: "serialized", name: "Serialized", __provider: serialized.text });
    expect(checked.failures).toBeUndefined();
    const created = await provider.create(checked.inputs);
    expect(created).toEqual({ id: "serialized", outs: { connectionId: "serialized", name: "Serialized", state: "draft" } });
    await provider.delete!("serialized", created.outs);
    expect(graphCalls(env.emulator)[0]).toBe("POST /v1.0/external/connections 201");
    expect(graphCalls(env.emulator).at(-1)).toBe("GET /v1.0/external/connections/serialized 404");
  });
});
