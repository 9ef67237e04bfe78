import { configure, providerContext, setProviderContext } from "../../provider/runtime";

describe("provider runtime", () => {
  afterEach(() => setProviderContext(undefined));

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
