/**
 * Drives the native provider plugin over gRPC the way the engine does: starts the built executable
 * (dist/provider/native/main.js, the package's `pulumi-resource-graph-connectors` bin, or a self-contained
 * plugin's executable) with the engine's address as its argument, reads the port from its first line of
 * stdout and calls the ResourceProvider service.
 */
import { ChildProcess, spawn } from "node:child_process";
import { join } from "node:path";
import type { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { grpc, proto, services, struct, empty } from "../../provider/native/pulumiRuntime";
import { toStruct } from "../../provider/native/properties";
import { EMULATOR_CLIENT_ID, EMULATOR_CLIENT_SECRET, EMULATOR_TENANT_ID } from "../../emulator";

export const SECRET_SIGNATURE = { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270" };

export interface PluginHandle {
  client: InstanceType<typeof services.ResourceProviderClient>;
  /** Calls a unary method and resolves with its response (rejects with the gRPC error). */
  call<Res>(method: string, request: unknown): Promise<Res>;
  stderr(): string;
  stop(): Promise<void>;
}

/** The package's plugin, run by this process's node. */
const PACKAGE_PLUGIN = [process.execPath, join(__dirname, "..", "..", "dist", "provider", "native", "main.js")];

/**
 * Starts the plugin: `command` is its executable (and the arguments before the engine's address), `engineAddress`
 * the engine's (the default reaches nothing: the plugin's lines then go to its stderr).
 */
export async function startPlugin(
  env: NodeJS.ProcessEnv = process.env,
  options: { command?: string[]; engineAddress?: string } = {},
): Promise<PluginHandle> {
  const command = options.command ?? PACKAGE_PLUGIN;
  const child: ChildProcess = spawn(command[0], [...command.slice(1), options.engineAddress ?? "127.0.0.1:1"], {
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr!.on("data", (chunk) => {
    stderr += String(chunk);
  });
  const port = await new Promise<number>((resolve, reject) => {
    let out = "";
    child.stdout!.on("data", (chunk) => {
      out += String(chunk);
      if (out.includes("\n")) resolve(Number(out.split("\n")[0]));
    });
    child.on("exit", (code) => reject(new Error(`plugin exited with ${code}: ${stderr}`)));
  });
  const client = new services.ResourceProviderClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
  return {
    client,
    call<Res>(method: string, request: unknown) {
      return new Promise<Res>((resolve, reject) => {
        (client as unknown as Record<string, (req: unknown, cb: (error: Error | null, res: Res) => void) => void>)[method](
          request,
          (error, response) => (error ? reject(error) : resolve(response)),
        );
      });
    },
    stderr: () => stderr,
    async stop() {
      client.close();
      child.kill();
      await new Promise((resolve) => child.once("exit", resolve));
    },
  };
}

export const TYPE = (name: string) => `graph-connectors:index:${name}`;
export const URN = (name: string, resource = "r") => `urn:pulumi:test::proj::${TYPE(name)}::${resource}`;

export function configureRequest(args: Record<string, unknown>) {
  const request = new proto.ConfigureRequest();
  request.setArgs(struct.Struct.fromJavaScript(args as never));
  for (const [key, value] of Object.entries(args)) {
    const plain = typeof value === "object" && value !== null ? (value as { value: unknown }).value : value;
    request.getVariablesMap().set(`graph-connectors:config:${key}`, String(plain));
  }
  request.setAcceptsecrets(true);
  request.setAcceptresources(true);
  return request;
}

/** The provider's configuration for an emulator at `url`, its client secret marked secret as the engine sends it. */
export function emulatorConfig(url: string): Record<string, unknown> {
  return {
    tenantId: EMULATOR_TENANT_ID,
    clientId: EMULATOR_CLIENT_ID,
    clientSecret: { ...SECRET_SIGNATURE, value: EMULATOR_CLIENT_SECRET },
    endpoint: url,
    authorityHost: url,
  };
}

/** Configure of the provider resource itself (an explicit or default `pulumi:providers:graph-connectors`). */
export function configureProviderRequest(args: Record<string, unknown>) {
  return configureRequest(args).setType("pulumi:providers:graph-connectors");
}

export function checkRequest(type: string, news: object, olds?: object) {
  const request = new proto.CheckRequest();
  request.setUrn(URN(type)).setType(TYPE(type)).setNews(toStruct(news));
  if (olds) request.setOlds(toStruct(olds));
  return request;
}

export function diffRequest(type: string, id: string, olds: object, news: object, oldInputs: object = olds) {
  return new proto.DiffRequest()
    .setUrn(URN(type))
    .setType(TYPE(type))
    .setId(id)
    .setOlds(toStruct(olds))
    .setNews(toStruct(news))
    .setOldInputs(toStruct(oldInputs));
}

export function readRequest(type: string, id: string, properties: object = {}, inputs: object = {}) {
  return new proto.ReadRequest()
    .setUrn(URN(type))
    .setType(TYPE(type))
    .setId(id)
    .setProperties(toStruct(properties))
    .setInputs(toStruct(inputs));
}

export const plain = (value: Struct | undefined) => (value ? value.toJavaScript() : undefined) as Record<string, unknown> | undefined;
export { proto, empty };
