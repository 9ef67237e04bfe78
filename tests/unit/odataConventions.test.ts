/**
 * The OData conventions the emulator applies (model/annotations.ts, model/odata.ts) and its lenient reading of a
 * request body (emulator/requestJson.ts), without a network.
 */
import { parseRequestJson } from "../../emulator/requestJson";
import { isInstanceAnnotation, withoutAnnotations } from "../../model/annotations";
import { applySelect, parseSelect, selectProblem } from "../../model/odata";

describe("instance annotations", () => {
  test.each(["@odata.type", "@odata.context", "@microsoft.graph.conflictBehavior", "title@odata.type"])("%s is an annotation", (name) => {
    expect(isInstanceAnnotation(name)).toBe(true);
  });

  test("properties are not, and withoutAnnotations keeps only them", () => {
    expect(isInstanceAnnotation("displayName")).toBe(false);
    expect(withoutAnnotations({ "@odata.type": "#x", name: "n", "name@odata.type": "String" })).toEqual({ name: "n" });
  });
});

describe("$select", () => {
  const query = (text: string) => new URLSearchParams(text);

  test("names are split and trimmed; none or * selects everything", () => {
    expect(parseSelect(query("$select=name, state"))).toEqual(["name", "state"]);
    expect(parseSelect(query(""))).toBeUndefined();
    expect(parseSelect(query("$select=*"))).toBeUndefined();
  });

  test("a name the type does not declare in that version is refused with OData's message", () => {
    const connection = "microsoft.graph.externalConnectors.externalConnection";
    expect(selectProblem(["name", "groups"], connection, "v1.0")).toBeUndefined();
    expect(selectProblem(["ingestedItemsCount"], connection, "v1.0")).toBe(
      `Could not find a property named 'ingestedItemsCount' on type '${connection}'.`,
    );
    expect(selectProblem(["ingestedItemsCount"], connection, "beta")).toBeUndefined();
  });

  test("the selected properties and the annotations stay", () => {
    expect(applySelect({ "@odata.type": "#t", id: "a", name: "n", state: "draft" }, ["name"])).toEqual({ "@odata.type": "#t", name: "n" });
  });
});

describe("request bodies", () => {
  test("JSON is read as JSON", () => {
    expect(parseRequestJson('{"a": [1, 2]}')).toEqual({ value: { a: [1, 2] } });
  });

  test("a trailing comma before } or ] is tolerated, one inside a string is kept", () => {
    expect(parseRequestJson('{\n  "id": "1431b9c38ee647f6a",\n  "type": "externalGroup",\n}')).toEqual({
      value: { id: "1431b9c38ee647f6a", type: "externalGroup" },
    });
    expect(parseRequestJson('{"list": [1, 2,], "text": "a,}", "quote": "\\",]"}')).toEqual({
      value: { list: [1, 2], text: "a,}", quote: '",]' },
    });
  });

  test("anything else that is not JSON is still refused", () => {
    expect(parseRequestJson("{,}")).toBeUndefined();
    expect(parseRequestJson("{'a': 1}")).toBeUndefined();
  });
});
