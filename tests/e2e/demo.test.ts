import { tenantSetup } from "../../examples/demo/program";
import { useEmulator } from "../helpers/harness";
import { describeWithCli, emulatorStack, requirePulumiCli, tenantSummary } from "../helpers/pulumiStack";

const env = useEmulator({ schemaProvisioningMs: 1500, deletionMs: 500 });
jest.setTimeout(480_000); // several `pulumi` runs; generous for a loaded 2-core CI machine

describeWithCli("the demo program", () => {
  beforeAll(requirePulumiCli);

  test("deploys the demo tenant, converges, and destroys it completely", async () => {
    const { emulator } = env;
    const stack = await emulatorStack(emulator, async () => tenantSetup());
    const up = await stack.up();
    expect(up.summary.resourceChanges).toEqual({ create: 6 });
    expect(Object.fromEntries(Object.entries(up.outputs).map(([key, output]) => [key, output.value]))).toEqual({
      connectionId: "contosohr",
      connectionState: "ready",
      schemaProperties: 7,
      groups: ["hrBusinessPartners", "hrEveryone", "hrContractors"],
    });
    expect(tenantSummary(emulator)).toEqual({
      contosohr: {
        hrBusinessPartners: [
          "6f1d2c3b-4a5e-4f60-8a7b-9c0d1e2f3a41",
          "6f1d2c3b-4a5e-4f60-8a7b-9c0d1e2f3a42",
          "6f1d2c3b-4a5e-4f60-8a7b-9c0d1e2f3a43",
        ],
        hrEveryone: ["hrBusinessPartners"],
        hrContractors: ["6f1d2c3b-4a5e-4f60-8a7b-9c0d1e2f3a51"],
      },
    });
    expect(emulator.store.connection("contosohr")?.entity).toMatchObject({ state: "ready", contentCategory: "knowledgeBase" });

    await stack.preview({ expectNoChanges: true });
    const refresh = await stack.refresh();
    expect(refresh.summary.resourceChanges).toEqual({ same: 6 });
    await stack.destroy();
    expect(tenantSummary(emulator)).toEqual({});
  });
});
