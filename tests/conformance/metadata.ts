/**
 * Reads the extracts of Microsoft's Graph metadata vendored in graph-metadata/ beside this file (its README gives
 * their source, commit and licence): the v1.0 CSDL (types with nullability, enums with member order) and the beta
 * type mappings (names only). A small reader for these well-formed extracts; no XML library is needed for their
 * few element kinds.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";

export const METADATA_DIR = join(__dirname, "graph-metadata");

/** A vendored extract's text; a missing one fails the suite (it is part of the repository), naming the fix. */
function readExtract(file: string): string {
  const path = join(METADATA_DIR, file);
  if (!existsSync(path)) {
    throw new Error(
      `${path} is missing: the conformance suite reads Microsoft's metadata from the repository; restore it with git or \`npm run refresh-metadata\` (see graph-metadata/README.md)`,
    );
  }
  return readFileSync(path, "utf8");
}

export interface CsdlProperty {
  type: string;
  nullable: boolean;
  navigation: boolean;
}
export interface CsdlType {
  kind: "entity" | "complex";
  open: boolean;
  abstract: boolean;
  baseType?: string;
  properties: Record<string, CsdlProperty>;
}
export interface Csdl {
  namespace: string;
  enums: Record<string, string[]>;
  types: Record<string, CsdlType>;
}

const attribute = (text: string, name: string) => new RegExp(`\\b${name}="([^"]*)"`).exec(text)?.[1];
/** The CSDL uses the alias `graph` for `microsoft.graph`. */
const qualify = (type: string) => type.replace(/(^|\()graph\./g, "$1microsoft.graph.");

export function readCsdl(file: string): Csdl {
  const xml = readExtract(file);
  const namespace = attribute(/<Schema [^>]*>/.exec(xml)![0], "Namespace")!;
  const enums: Record<string, string[]> = {};
  for (const match of xml.matchAll(/<EnumType\b([^>]*)>([\s\S]*?)<\/EnumType>/g)) {
    enums[`${namespace}.${attribute(match[1], "Name")}`] = [...match[2].matchAll(/<Member\b([^>]*)\/>/g)].map((member) =>
      attribute(member[1], "Name")!,
    );
  }
  const types: Record<string, CsdlType> = {};
  // Self-closing types (`<ComplexType Name="properties" OpenType="true" />`) and ones with a body.
  for (const match of xml.matchAll(/<(EntityType|ComplexType)\b([^>]*?)(\/>|>([\s\S]*?)<\/\1>)/g)) {
    const header = match[2];
    const properties: Record<string, CsdlProperty> = {};
    for (const property of (match[4] ?? "").matchAll(/<(Property|NavigationProperty)\b([^>]*?)\/?>/g)) {
      properties[attribute(property[2], "Name")!] = {
        type: qualify(attribute(property[2], "Type")!),
        nullable: attribute(property[2], "Nullable") !== "false",
        navigation: property[1] === "NavigationProperty",
      };
    }
    const baseType = attribute(header, "BaseType");
    types[`${namespace}.${attribute(header, "Name")}`] = {
      kind: match[1] === "EntityType" ? "entity" : "complex",
      open: attribute(header, "OpenType") === "true",
      abstract: attribute(header, "Abstract") === "true",
      ...(baseType ? { baseType: qualify(baseType) } : {}),
      properties,
    };
  }
  return { namespace, enums, types };
}

interface BetaMappings {
  types: {
    entity: Record<string, Record<string, { properties: string[]; navigationProperties: string[] }>>;
    complex: Record<string, Record<string, { properties: string[]; navigationProperties: string[] }>>;
    enum: Record<string, Record<string, string[]>>;
  };
}

/** Beta: every declared property and navigation property name of each type, and every enum's members (alphabetical). */
export function readBeta(): { types: Record<string, string[]>; enums: Record<string, string[]> } {
  const mappings = JSON.parse(readExtract("beta-type-mappings.json")) as BetaMappings;
  const types: Record<string, string[]> = {};
  for (const kind of ["entity", "complex"] as const) {
    for (const [namespace, byName] of Object.entries(mappings.types[kind])) {
      for (const [name, type] of Object.entries(byName)) types[`${namespace}.${name}`] = [...type.properties, ...type.navigationProperties];
    }
  }
  const enums: Record<string, string[]> = {};
  for (const [namespace, byName] of Object.entries(mappings.types.enum))
    for (const [name, members] of Object.entries(byName)) enums[`${namespace}.${name}`] = members;
  return { types, enums };
}
