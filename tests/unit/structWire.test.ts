/**
 * The native plugin's own Struct codec against google-protobuf's (the one the engine's messages are built with
 * in the tests and in `@pulumi/pulumi`): the same plain JSON from the same bytes, bytes google-protobuf reads
 * back as the same JSON, and a clear refusal of bytes no engine sends.
 */
import { decodeStruct, encodeStruct, MalformedStructError } from "../../provider/native/structWire";
import { unwrapSecrets } from "../../provider/native/properties";
import { struct } from "../../provider/native/pulumiRuntime";
import { GraphConnectorsError } from "../../provider/errors";

const RICH = {
  connectionId: "contosohr",
  empty: "",
  unicode: "Zürich – 東京 🚀",
  long: "x".repeat(300),
  numbers: [0, -1, 1.5, 2 ** 53, -(2 ** 31), 1e-300],
  flags: [true, false],
  nothing: null,
  emptyList: [],
  emptyObject: {},
  nested: {
    groups: {
      g1: {
        displayName: "G1",
        members: [
          { id: "u1", type: "user" },
          { id: "g2", type: "group" },
        ],
      },
    },
  },
  unknown: "04da6b54-80e4-46f7-96ec-b56ff0331ba9",
};

function viaGoogle(value: object): unknown {
  return struct.Struct.deserializeBinary(encodeStruct(value)).toJavaScript();
}

describe("Struct wire codec", () => {
  test("decodes what google-protobuf encodes, to the same plain JSON", () => {
    const bytes = struct.Struct.fromJavaScript(RICH as never).serializeBinary();
    expect(decodeStruct(bytes)).toEqual(RICH);
  });

  test("encodes what google-protobuf decodes to the same plain JSON, and reads its own bytes back", () => {
    expect(viaGoogle(RICH)).toEqual(RICH);
    expect(decodeStruct(encodeStruct(RICH))).toEqual(RICH);
    // A large set's outputs: lengths of several varint bytes at every level.
    const members = Array.from({ length: 5000 }, (_, index) => ({
      id: `b0000000-0000-4000-8000-${String(index).padStart(12, "0")}`,
      type: "user",
    }));
    const outputs = { connectionId: "c", groups: { g: { displayName: "G", members } } };
    expect(viaGoogle(outputs)).toEqual(outputs);
  });

  test("takes values as JSON.stringify does: undefined members dropped, undefined items and NaN null, toJSON applied", () => {
    const value = { kept: 1, dropped: undefined, list: [undefined, Number.NaN, Infinity], when: new Date(0) };
    expect(viaGoogle(value)).toEqual(JSON.parse(JSON.stringify(value)));
  });

  test("a key named __proto__ stays a property, not the prototype", () => {
    const value = JSON.parse('{"__proto__": {"polluted": true}, "plain": 1}');
    const decoded = decodeStruct(encodeStruct(value));
    expect(Object.getPrototypeOf(decoded)).toBe(Object.prototype);
    expect(Object.keys(decoded).sort()).toEqual(["__proto__", "plain"]);
    expect(Object.getPrototypeOf(unwrapSecrets(decoded))).toBe(Object.prototype);
  });

  test("refuses truncated bytes and a Value without a kind, with this package's error", () => {
    const bytes = struct.Struct.fromJavaScript({ name: "a long enough value" }).serializeBinary();
    expect(() => decodeStruct(bytes.subarray(0, bytes.length - 3))).toThrow(MalformedStructError);
    // An entry { key: "k", value: Value {} }: field 1 (bytes) holding key "k" and an empty value.
    const noKind = Uint8Array.from([0x0a, 0x05, 0x0a, 0x01, 0x6b, 0x12, 0x00]);
    expect(() => decodeStruct(noKind)).toThrow(/has no kind/);
    expect(() => decodeStruct(noKind)).toThrow(GraphConnectorsError);
  });

  test("unwrapping secrets copies only what held a wrapper", () => {
    const members = [{ id: "u1", type: "user" }];
    const plain = { members, name: "n" };
    expect(unwrapSecrets(plain)).toBe(plain);
    const wrapped = { members, secret: { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", value: "s" } };
    const unwrapped = unwrapSecrets(wrapped) as Record<string, unknown>;
    expect(unwrapped).toEqual({ members, secret: "s" });
    expect(unwrapped.members).toBe(members);
    expect(wrapped.secret).toEqual({ "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", value: "s" });
  });
});
