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
