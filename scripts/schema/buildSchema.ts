/**
 * Builds the Pulumi package schema of `graph-connectors` from the TypeScript types of the resources'
 * inputs and outputs (scripts/schema/resources.ts), with their doc comments as descriptions. `npm run
 * schema` writes it to schema/schema.json; a test holds the committed file to a fresh build.
 *
 * Mapping: string and string-literal unions → string; number → number; boolean → boolean; a union of
 * booleans and strings (e.g. `boolean | "required"`) → `oneOf` boolean, string; arrays → array;
 * `Record<string, unknown>` → `pulumi.json#/Any`; `Record<string, T>` → a map of T; an interface or object literal → an object type named
 * after it without an `Input` suffix, which SDK generators reserve (literals: parent type + property); a union
 * of object types → its first member (the input form). An output that is also an input has the input's type
 * (outputs echo inputs; ConnectionSchema is only the canonical form of SchemaInput). Properties whose names
 * are not identifiers (`@odata.type`) are left out: the provider sets them. A `@deprecated` tag becomes the
 * property's `deprecationMessage`.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";
import { PACKAGE_NAME } from "../../provider/engine/registry";
import { CONFIG_PROPERTIES, ResourceSource, SCHEMA_RESOURCES } from "./resources";

const token = (name: string) => `${PACKAGE_NAME}:index:${name}`;

type Json = Record<string, unknown>;

interface Context {
  checker: ts.TypeChecker;
  types: Record<string, Json>;
}

function docOf(checker: ts.TypeChecker, symbol: ts.Symbol | undefined): string | undefined {
  if (!symbol) return undefined;
  const text = ts.displayPartsToString(symbol.getDocumentationComment(checker)).trim();
  const defaults = symbol.getJsDocTags(checker).filter((tag) => tag.name === "default").map((tag) => ts.displayPartsToString(tag.text).trim());
  const full = [text, ...defaults.map((value) => `Default: \`${value}\`.`)].filter(Boolean).join(" ");
  return full || undefined;
}

function withoutUndefined(type: ts.Type): ts.Type[] {
  return type.isUnion() ? type.types.filter((member) => !(member.flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Null))) : [type];
}

const capitalize = (name: string) => name.charAt(0).toUpperCase() + name.slice(1);

/** A property's type; `description` (the property's) describes an object type written in place, which has no doc of its own. */
function typeSpec(ctx: Context, type: ts.Type, nameHint: string, description?: string): Json {
  const members = withoutUndefined(type);
  if (members.every((member) => member.flags & (ts.TypeFlags.String | ts.TypeFlags.StringLiteral))) return { type: "string" };
  if (members.every((member) => member.flags & (ts.TypeFlags.Boolean | ts.TypeFlags.BooleanLiteral))) return { type: "boolean" };
  if (members.every((member) => member.flags & (ts.TypeFlags.Number | ts.TypeFlags.NumberLiteral))) return { type: "number" };
  if (members.every((member) => member.flags & (ts.TypeFlags.Boolean | ts.TypeFlags.BooleanLiteral | ts.TypeFlags.String | ts.TypeFlags.StringLiteral))) {
    return { oneOf: [{ type: "boolean" }, { type: "string" }] };
  }
  const first = members[0];
  if (ctx.checker.isArrayType(first)) {
    const element = ctx.checker.getTypeArguments(first as ts.TypeReference)[0];
    return { type: "array", items: typeSpec(ctx, element, nameHint.replace(/s$/, ""), description) };
  }
  if (first.flags & (ts.TypeFlags.Unknown | ts.TypeFlags.Any)) return { $ref: "pulumi.json#/Any" };
  const index = ctx.checker.getIndexInfosOfType(first);
  if (index.length > 0) {
    // A map the program keys (`Record<string, T>`, e.g. groups by groupId); of unknown values, any JSON.
    const value = index[0].type;
    return value.flags & (ts.TypeFlags.Unknown | ts.TypeFlags.Any) ? { $ref: "pulumi.json#/Any" } : { type: "object", additionalProperties: typeSpec(ctx, value, nameHint, description) };
  }
  if (first.flags & ts.TypeFlags.Object) {
    const symbol = first.aliasSymbol ?? first.getSymbol();
    const anonymous = !symbol || symbol.name === "__type" || symbol.name === "__object";
    const named = (anonymous ? nameHint : symbol.name).replace(/Input$/, "");
    objectType(ctx, first, named, anonymous ? description : docOf(ctx.checker, symbol));
    return { $ref: `#/types/${token(named)}` };
  }
  throw new Error(`no schema mapping for type '${ctx.checker.typeToString(type)}' (${nameHint})`);
}

/** The properties of an object type, with the names of those it requires. */
function propertiesOf(ctx: Context, type: ts.Type, owner: string, reuse: Record<string, Json> = {}): { properties: Record<string, Json>; required: string[] } {
  const properties: Record<string, Json> = {};
  const required: string[] = [];
  for (const property of ctx.checker.getPropertiesOfType(type)) {
    if (!/^[A-Za-z][A-Za-z0-9]*$/.test(property.name)) continue;
    const declaration = property.valueDeclaration ?? property.declarations?.[0];
    const propertyType = ctx.checker.getTypeOfSymbolAtLocation(property, declaration!);
    const description = docOf(ctx.checker, property);
    const reused = reuse[property.name];
    const spec = reused ? { ...reused } : typeSpec(ctx, propertyType, `${owner}${capitalize(property.name)}`, description);
    // A `@deprecated` input stays in the SDKs, marked, so programs written for it still build (and say why to drop it).
    const deprecation = property.getJsDocTags(ctx.checker).find((tag) => tag.name === "deprecated");
    const deprecationMessage = deprecation ? ts.displayPartsToString(deprecation.text).trim() : undefined;
    properties[property.name] = { ...spec, ...(description ? { description } : {}), ...(deprecationMessage ? { deprecationMessage } : {}) };
    if (!(property.flags & ts.SymbolFlags.Optional)) required.push(property.name);
  }
  return { properties, required: required.sort() };
}

function objectType(ctx: Context, type: ts.Type, name: string, description: string | undefined): void {
  const key = token(name);
  if (ctx.types[key]) return;
  ctx.types[key] = {}; // reserved first: types may refer to themselves
  const { properties, required } = propertiesOf(ctx, type, name);
  ctx.types[key] = { type: "object", ...(description ? { description } : {}), properties, ...(required.length ? { required } : {}) };
}

function interfaceType(ctx: Context, source: ts.SourceFile, name: string): ts.Type {
  let found: ts.Type | undefined;
  source.forEachChild((node) => {
    if ((ts.isInterfaceDeclaration(node) || ts.isTypeAliasDeclaration(node)) && node.name.text === name) found = ctx.checker.getTypeAtLocation(node);
  });
  if (!found) throw new Error(`${name} is not declared in ${source.fileName}`);
  return found;
}

function classDoc(ctx: Context, source: ts.SourceFile, name: string): string {
  let doc = "";
  source.forEachChild((node) => {
    if (ts.isClassDeclaration(node) && node.name?.text === name) doc = docOf(ctx.checker, ctx.checker.getSymbolAtLocation(node.name)) ?? "";
  });
  if (!doc) throw new Error(`class ${name} in ${source.fileName} has no doc comment`);
  return doc;
}

function importSection(resource: ResourceSource): string {
  if ("unavailable" in resource.import) return `\n\n## Import\n\n${resource.import.unavailable}`;
  const { id } = resource.import;
  return `\n\n## Import\n\nThe import id is ${id.form}; the inputs are read back from Graph, so the next preview shows no changes.\n\n\`\`\`sh\n$ pulumi import ${token(resource.name)} ${id.example}\n\`\`\``;
}

function resourceSpec(ctx: Context, program: ts.Program, root: string, resource: ResourceSource): Json {
  const typesFile = program.getSourceFile(join(root, resource.typesFile))!;
  const inputs = propertiesOf(ctx, interfaceType(ctx, typesFile, resource.inputs), resource.name);
  const outputs = propertiesOf(ctx, interfaceType(ctx, typesFile, resource.outputs), resource.name, inputs.properties);
  const description = classDoc(ctx, program.getSourceFile(join(root, resource.sdkFile))!, resource.name) + importSection(resource);
  return {
    description,
    inputProperties: inputs.properties,
    requiredInputs: inputs.required,
    properties: outputs.properties,
    required: outputs.required,
  };
}

/** `<org>/<repo>` of the GitHub repository package.json names: its releases carry the plugin archives. */
export function githubRepository(manifest: { repository?: { url?: string } | string }): string {
  const url = typeof manifest.repository === "string" ? manifest.repository : manifest.repository?.url ?? "";
  const match = /github\.com[/:]([^/]+\/[^/]+?)(\.git)?$/.exec(url);
  if (!match) throw new Error(`package.json repository '${url}' is not a GitHub repository`);
  return match[1];
}

export function buildSchema(root: string): Json {
  const program = ts.createProgram(SCHEMA_RESOURCES.flatMap((resource) => [join(root, resource.typesFile), join(root, resource.sdkFile)]), { strict: true, skipLibCheck: true, noEmit: true });
  const ctx: Context = { checker: program.getTypeChecker(), types: {} };
  const resources: Record<string, Json> = {};
  for (const resource of SCHEMA_RESOURCES) resources[token(resource.name)] = resourceSpec(ctx, program, root, resource);
  const manifest = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { version: string; description: string; license: string; repository?: { url?: string } };
  const repository = githubRepository(manifest);
  const config = Object.fromEntries(Object.entries(CONFIG_PROPERTIES).map(([name, spec]) => [name, { type: "string", description: spec.description, ...(spec.secret ? { secret: true } : {}) }]));
  return {
    name: PACKAGE_NAME,
    displayName: "Microsoft Graph connectors",
    version: manifest.version,
    description: "Microsoft Graph (Copilot) connectors as code: external connections with their schema, external groups and members, and Entra Application Proxy connectors.",
    keywords: ["pulumi", "microsoft-graph", "copilot", "connectors", "category/cloud"],
    license: manifest.license,
    homepage: `https://github.com/${repository}`,
    repository: `https://github.com/${repository}`,
    publisher: "pulumi-graph-connectors",
    // Where the engine and the SDKs find a missing plugin: the archives of the GitHub release `v<version>`.
    pluginDownloadURL: `github://api.github.com/${repository}`,
    config: { variables: config },
    provider: { description: "The provider for one Microsoft Graph tenant; create several to manage several tenants in one stack.", inputProperties: config },
    types: Object.fromEntries(Object.entries(ctx.types).sort(([a], [b]) => a.localeCompare(b))),
    resources,
    language: {
      nodejs: { packageName: "@pulumi-graph-connectors/native", packageDescription: "Microsoft Graph connectors as code (native provider SDK).", dependencies: { "@pulumi/pulumi": "^3.139.0" }, respectSchemaVersion: true },
      python: { packageName: "pulumi_graph_connectors", requires: { "pulumi": ">=3.139.0,<4.0.0" }, respectSchemaVersion: true, pyproject: { enabled: true } },
      go: { importBasePath: `github.com/${repository}/sdk/go/graphconnectors`, generateResourceContainerTypes: true, respectSchemaVersion: true },
      csharp: { rootNamespace: "PulumiGraphConnectors", respectSchemaVersion: true },
    },
  };
}

export function schemaText(root: string): string {
  return `${JSON.stringify(buildSchema(root), null, 2)}\n`;
}
