import { redact, Redactor, redactWith } from "../../provider/graph/redact";

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

describe("redactWith", () => {
  test("replaces each literal by its placeholder in any case, then scrubs tokens as redact does", () => {
    const scrub = redactWith([
      ["7E1C1F6E-0b7a-4c43-9d59-0e3b5a4f2c11", "<tenant-id>"],
      ["admin@contoso.example", "<user>"],
    ]);
    expect(scrub("tenant 7e1c1f6e-0B7A-4c43-9d59-0e3b5a4f2c11 for ADMIN@contoso.example, Bearer abc.def")).toBe(
      "tenant <tenant-id> for <user>, Bearer [REDACTED]",
    );
  });

  test("leaves literals too short to be identifiers alone, so ordinary words survive", () => {
    expect(redactWith([["id", "<x>"]])("an id")).toBe("an id");
  });
});
