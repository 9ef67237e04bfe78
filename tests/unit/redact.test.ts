import { redact, Redactor } from "../../provider/graph/redact";

describe("redact", () => {
  test.each([
    ["Authorization: Bearer abc.def.ghi", "Authorization: Bearer [REDACTED]"],
    ["client_secret=s3cr3t&grant_type=client_credentials", "client_secret=[REDACTED]&grant_type=client_credentials"],
    ['{"access_token":"tok","expires_in":3599}', '{"access_token":"[REDACTED]","expires_in":3599}'],
    ["assertion eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl end", "assertion [REDACTED-JWT] end"],
  ])("scrubs %s", (input, expected) => {
    expect(redact(input)).toBe(expected);
  });

  test("scrubs a registered literal secret wherever it appears", () => {
    const redactor = new Redactor();
    redactor.register("my-configured-client-secret-value");
    expect(redactor.redact("failed with my-configured-client-secret-value inside")).toBe("failed with [REDACTED] inside");
    expect(redact("failed with my-configured-client-secret-value inside")).toBe("failed with my-configured-client-secret-value inside");
  });
});
