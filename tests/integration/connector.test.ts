import { connectorHandler as provider } from "../../provider/resources/connector";
import { graphCalls, testContext, useEmulator } from "../helpers/harness";

const env = useEmulator();

describe("Connector provider", () => {
  test("creates, reads, updates and deletes the beta connector object", async () => {
    const ctx = testContext(env.emulator);
    const inputs = { machineName: "agent01.contoso.local", externalIp: "203.0.113.7", status: "active" as const };
    const { id, outs } = await provider.create(ctx, inputs);
    expect(outs).toEqual({ ...inputs, version: "1.5.3437.0" });
    expect(await provider.read(ctx, id, outs)).toEqual({ id, props: outs });
    const next = { ...inputs, status: "inactive" as const };
    expect(provider.diff(id, outs, next)).toEqual({ changes: true, replaces: [] });
    expect(await provider.update(ctx, id, outs, next)).toEqual({ outs: { ...next, version: "1.5.3437.0" } });
    await provider.delete(ctx, id, outs);
    expect(await provider.read(ctx, id, outs)).toEqual({ id: undefined });
    expect(graphCalls(env.emulator).map((line) => line.replace(id, "{id}"))).toEqual([
      "POST /beta/onPremisesPublishingProfiles/applicationProxy/connectors 201",
      "GET /beta/onPremisesPublishingProfiles/applicationProxy/connectors/{id} 200",
      "PATCH /beta/onPremisesPublishingProfiles/applicationProxy/connectors/{id} 204",
      "DELETE /beta/onPremisesPublishingProfiles/applicationProxy/connectors/{id} 204",
      "GET /beta/onPremisesPublishingProfiles/applicationProxy/connectors/{id} 404",
    ]);
  });

  test("explains that real tenants install connectors on-premises when Graph refuses the create", async () => {
    env.emulator.faults.add({ method: "POST", path: "/connectors$", status: 405, body: { error: { code: "notSupported", message: "The HTTP method is not supported." } } });
    await expect(provider.create(testContext(env.emulator), { machineName: "agent01" })).rejects.toThrow(/On a real tenant install the connector agent on-premises instead\.$/);
  });
});
