/**
 * The engine's side of the Log RPC, for protocol tests: a gRPC server on a free local port serving
 * `pulumirpc.Engine` that records every line a plugin sends (the engine itself would show it to the user).
 */
import { engine, engineServices, grpc } from "../../provider/native/pulumiRuntime";
import { empty } from "../../provider/native/pulumiRuntime";

export interface LoggedLine {
  severity: "debug" | "info" | "warning" | "error";
  message: string;
  urn: string;
  ephemeral: boolean;
}

const SEVERITIES = ["debug", "info", "warning", "error"] as const;

export interface FakeEngine {
  address: string;
  lines: LoggedLine[];
  stop(): Promise<void>;
}

export async function startFakeEngine(): Promise<FakeEngine> {
  const lines: LoggedLine[] = [];
  const server = new grpc.Server();
  const unimplemented = (_call: unknown, callback: (error: { code: number }) => void) => callback({ code: grpc.status.UNIMPLEMENTED });
  server.addService(engineServices.EngineService, {
    log(
      call: { request: InstanceType<typeof engine.LogRequest> },
      callback: (error: null, response: InstanceType<typeof empty.Empty>) => void,
    ) {
      const { request } = call;
      lines.push({
        severity: SEVERITIES[request.getSeverity()],
        message: request.getMessage(),
        urn: request.getUrn(),
        ephemeral: request.getEphemeral(),
      });
      callback(null, new empty.Empty());
    },
    getRootResource: unimplemented,
    setRootResource: unimplemented,
    startDebugging: unimplemented,
    requirePulumiVersion: unimplemented,
  });
  const port = await new Promise<number>((resolve, reject) => {
    server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (error, bound) => (error ? reject(error) : resolve(bound)));
  });
  return {
    address: `127.0.0.1:${port}`,
    lines,
    stop: () => new Promise<void>((resolve) => server.tryShutdown(() => resolve())),
  };
}
