/**
 * What the SDK's ExternalGroup registers with the engine (Pulumi's mocks stand in for it): plain members in the
 * stored "type:id" form the check returns anyway, anything else as declared, and `group.members` read back as
 * the objects the program declared.
 */
import * as pulumi from "@pulumi/pulumi";

const registered = new Map<string, Record<string, unknown>>();

beforeAll(async () => {
  await pulumi.runtime.setMocks(
    {
      newResource: (args) => {
        registered.set(args.name, args.inputs);
        return { id: `${args.name}-id`, state: args.inputs };
      },
      call: () => ({}),
    },
    "proj",
    "stack",
    false,
  );
});

function outputValue<T>(output: pulumi.Output<T>): Promise<T> {
  return new Promise((resolve) =>
    output.apply((value) => {
      resolve(value);
      return value;
    }),
  );
}

describe("the SDK's ExternalGroup registration", () => {
  test("plain members go packed; an Output or a type with a colon goes as declared; members read back as objects", async () => {
    const { ExternalGroup } = await import("../../sdk/dynamic");
    const USER = "a1b2c3d4-0000-4000-8000-000000000001";
    const plain = new ExternalGroup("plain", {
      connectionId: "contosohr",
      groupId: "plain",
      members: [
        { id: USER, type: "user" },
        { id: "Sales2", type: "externalGroup" },
      ],
    });
    const others = [
      new ExternalGroup("computed", {
        connectionId: "contosohr",
        groupId: "computed",
        members: pulumi.output([{ id: USER, type: "user" as const }]),
      }),
      new ExternalGroup("colon", { connectionId: "contosohr", groupId: "colon", members: [{ id: USER, type: "us:er" as "user" }] }),
      new ExternalGroup("none", { connectionId: "contosohr", groupId: "none" }),
    ];
    expect(await outputValue(plain.members)).toEqual([
      { id: USER, type: "user" },
      { id: "Sales2", type: "externalGroup" },
    ]);
    // Each id resolves once the mocks have seen its registration.
    await Promise.all(others.map((group) => outputValue(group.id)));
    expect(registered.get("plain")?.members).toEqual([`user:${USER}`, "externalGroup:Sales2"]);
    expect(registered.get("computed")?.members).toEqual([{ id: USER, type: "user" }]);
    expect(registered.get("colon")?.members).toEqual([{ id: USER, type: "us:er" }]);
    expect(registered.get("none")?.members).toBeUndefined();
  });
});
