import { dynamicProcess } from "../../provider/dynamic/host";
import { ProviderProcess } from "../../provider/engine/providerProcess";

describe("provider runtime", () => {
  const provider = new ProviderProcess();
  const configure = (source: { get(key: string): string | undefined }) => provider.configure(source);
  const providerContext = () => provider.context();
  afterEach(() => provider.useContext(undefined));

  const config = (values: Record<string, string>) => ({ get: (key: string) => values[key] });

  test("keeps one context (and its cached token) when every resource type's provider is configured alike", () => {
    configure(config({ "msgraph:tenantId": "t", "msgraph:clientId": "c", "msgraph:clientSecret": "secret-value-1234" }));
    const first = providerContext();
    configure(config({ "msgraph:tenantId": "t", "msgraph:clientId": "c", "msgraph:clientSecret": "secret-value-1234" }));
    expect(providerContext()).toBe(first);
  });

  test("builds a new context when the msgraph config changes", () => {
    configure(config({ "msgraph:environment": "global" }));
    const first = providerContext();
    configure(config({ "msgraph:environment": "usgov" }));
    const second = providerContext();
    expect(second).not.toBe(first);
    expect(second.graph.endpoint).toBe("https://graph.microsoft.us");
  });
});

describe("settings at preview", () => {
  const config = (values: Record<string, string>) => ({ get: (key: string) => values[key] });
  const configure = (source: { get(key: string): string | undefined }) => dynamicProcess.configure(source);
  afterEach(() => configure(config({})));

  test("a bad environment or endpoint fails check, naming the setting, for every resource type", async () => {
    const { v1 } = await import("../../provider/impl");
    configure(config({ "msgraph:environment": "mars" }));
    expect(await v1.check("ExternalConnection", undefined, { connectionId: "contosohr", name: "HR" })).toEqual({
      failures: [{ property: "msgraph:environment", reason: "msgraph:environment 'mars' is not one of global, usgov, usgovdod" }],
    });
    configure(config({ "msgraph:endpoint": "http://graph.example" }));
    expect((await v1.check("ExternalGroup", undefined, { connectionId: "contosohr", groupId: "sales" })).failures).toEqual([
      { property: "msgraph:endpoint", reason: "msgraph:endpoint must use https (got http://graph.example)" },
    ]);
    configure(config({}));
    expect((await v1.check("ExternalGroup", undefined, { connectionId: "contosohr", groupId: "sales" })).failures).toBeUndefined();
  });
});
