/**
 * The resource methods' messages with their Structs kept apart from google-protobuf (structFields.ts): what
 * the plugin reads from a request the engine built with google-protobuf, and what google-protobuf reads from
 * the plugin's answer.
 */
import { plainStruct, resourceProviderService, structFields } from "../../provider/native/structFields";
import { lengthDelimitedField } from "../../provider/native/structWire";
import { toStruct } from "../../provider/native/properties";
import { proto } from "../../provider/native/pulumiRuntime";
import type { ReadAnswer, ReadCall } from "../../provider/native/structFields";

const service = resourceProviderService();
const URN = "urn:pulumi:dev::proj::graph-connectors:index:ExternalGroup::sales";
const outputs = { connectionId: "contosohr", groupId: "sales", members: [{ id: "a1b2c3d4-0000-4000-8000-000000000001", type: "user" }] };
const inputs = { connectionId: "contosohr", groupId: "sales", members: ["user:a1b2c3d4-0000-4000-8000-000000000001"] };

describe("resource methods' Structs apart from google-protobuf", () => {
  test("a request: the Structs as bytes, everything else decoded by google-protobuf", () => {
    const request = new proto.ReadRequest()
      .setId("contosohr/sales")
      .setUrn(URN)
      .setType("graph-connectors:index:ExternalGroup")
      .setProperties(toStruct(outputs))
      .setInputs(toStruct(inputs));
    const { message, structs } = service.read.requestDeserialize(Buffer.from(request.serializeBinary())) as ReadCall;
    expect([message.getId(), message.getUrn(), message.getType()]).toEqual([
      "contosohr/sales",
      URN,
      "graph-connectors:index:ExternalGroup",
    ]);
    // google-protobuf never saw them.
    expect(message.getProperties()).toBeUndefined();
    expect(plainStruct(structs.properties)).toEqual(outputs);
    expect(plainStruct(structs.inputs)).toEqual(inputs);
  });

  test("a Struct field sent in two pieces reads as one Struct with both pieces' entries, as protobuf merges them", () => {
    const first = new proto.ReadRequest()
      .setId("x")
      .setProperties(toStruct({ a: 1, b: "old" }))
      .serializeBinary();
    const second = lengthDelimitedField(3, toStruct({ b: "new", c: true }).serializeBinary());
    expect(new proto.ReadRequest().setProperties(toStruct({})).serializeBinary()[0] >> 3).toBe(3);
    const { structs } = service.read.requestDeserialize(Buffer.concat([first, second])) as ReadCall;
    expect(plainStruct(structs.properties)).toEqual({ a: 1, b: "new", c: true });
  });

  test("an answer: google-protobuf reads the Structs written beside its own fields, as JSON or as bytes sent back", () => {
    const echoed = toStruct(inputs).serializeBinary();
    const answer: ReadAnswer = {
      message: new proto.ReadResponse().setId("contosohr/sales"),
      structs: { properties: outputs, inputs: echoed },
    };
    const decoded = proto.ReadResponse.deserializeBinary(service.read.responseSerialize(answer));
    expect(decoded.getId()).toBe("contosohr/sales");
    expect(decoded.getProperties()!.toJavaScript()).toEqual(outputs);
    expect(decoded.getInputs()!.toJavaScript()).toEqual(inputs);
    // An absent Struct stays absent.
    const gone = proto.ReadResponse.deserializeBinary(service.read.responseSerialize({ message: new proto.ReadResponse(), structs: {} }));
    expect(gone.getProperties()).toBeUndefined();
  });

  test("field numbers come from the installed stubs; a Struct an older release lacks is left to google-protobuf", () => {
    expect(structFields(proto.ReadRequest, ["properties", "inputs"])).toEqual(
      new Map([
        ["properties", 3],
        ["inputs", 4],
      ]),
    );
    // An older @pulumi/pulumi: a CheckRequest without old outputs.
    class OlderCheckRequest extends proto.CheckRequest {}
    Object.defineProperty(OlderCheckRequest.prototype, "setOldOutputs", { value: undefined });
    expect([...structFields(OlderCheckRequest, ["olds", "news", "oldOutputs"]).keys()]).toEqual(["olds", "news"]);
  });

  test("the methods without Structs keep google-protobuf's own (de)serializers", () => {
    const info = new proto.GetSchemaRequest().setVersion(0);
    expect(service.getSchema.requestDeserialize(Buffer.from(info.serializeBinary()))).toBeInstanceOf(proto.GetSchemaRequest);
  });
});
