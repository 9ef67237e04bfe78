/**
 * Every resource, input, output, type and type property of the package schema carries a description: the
 * registry docs and every language's SDK show it. The schema reads them off the TSDoc of the TypeScript types
 * (scripts/schema/), which the dynamic resources' Args types map over, so the dynamic SDK shows the same words.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";
import { SCHEMA_RESOURCES as RESOURCES } from "../../scripts/schema/resources";

const root = join(__dirname, "..", "..");

interface Described {
  description?: string;
}
interface ObjectSpec extends Described {
  properties: Record<string, Described>;
}
interface ResourceSpec extends Described {
  inputProperties: Record<string, Described>;
  properties: Record<string, Described>;
}
interface Schema {
  config: { variables: Record<string, Described> };
  provider: Described & { inputProperties: Record<string, Described> };
  types: Record<string, ObjectSpec>;
  resources: Record<string, ResourceSpec>;
}

const schema = JSON.parse(readFileSync(join(root, "schema", "schema.json"), "utf8")) as Schema;

/** The places in the schema that have no description, as `<where> <name>` lines. */
function undescribed(): string[] {
  const missing: string[] = [];
  const need = (where: string, spec: Described) => {
    if (!spec.description?.trim()) missing.push(where);
  };
  need("provider", schema.provider);
  for (const [name, spec] of Object.entries(schema.config.variables)) need(`config ${name}`, spec);
  for (const [name, spec] of Object.entries(schema.provider.inputProperties)) need(`provider input ${name}`, spec);
  for (const [token, resource] of Object.entries(schema.resources)) {
    need(`resource ${token}`, resource);
    for (const [name, spec] of Object.entries(resource.inputProperties)) need(`input ${token}.${name}`, spec);
    for (const [name, spec] of Object.entries(resource.properties)) need(`output ${token}.${name}`, spec);
  }
  for (const [token, type] of Object.entries(schema.types)) {
    need(`type ${token}`, type);
    for (const [name, spec] of Object.entries(type.properties)) need(`type property ${token}.${name}`, spec);
  }
  return missing;
}

describe("descriptions", () => {
  test("every resource, input, output, type and type property of the schema has one (TSDoc on provider/resources/*/types.ts)", () => {
    expect(undescribed()).toEqual([]);
  });

  test("the dynamic SDK's Args show the same description as the schema, property by property", () => {
    const program = ts.createProgram(
      RESOURCES.map((resource) => join(root, resource.sdkFile)),
      { strict: true, skipLibCheck: true, noEmit: true },
    );
    const checker = program.getTypeChecker();
    const differing: string[] = [];
    for (const resource of RESOURCES) {
      let args: ts.Type | undefined;
      program.getSourceFile(join(root, resource.sdkFile))!.forEachChild((node) => {
        if (ts.isTypeAliasDeclaration(node) && node.name.text === `${resource.name}Args`) args = checker.getTypeAtLocation(node);
      });
      expect([resource.name, args !== undefined]).toEqual([resource.name, true]);
      const inputs = schema.resources[`graph-connectors:index:${resource.name}`].inputProperties;
      for (const property of checker.getPropertiesOfType(args!)) {
        if (!(property.name in inputs)) continue;
        const doc = ts.displayPartsToString(property.getDocumentationComment(checker)).trim();
        // The schema adds the `@default` tag after the comment.
        if (!doc || !inputs[property.name].description!.startsWith(doc)) differing.push(`${resource.name}Args.${property.name}`);
      }
    }
    expect(differing).toEqual([]);
  });
});
