/**
 * Reads the extracts of Microsoft's Graph metadata in ../shared/graph-metadata (beside this repository):
 * the v1.0 CSDL (types with nullability, enums with member order) and the beta type mappings (names only).
 * A small reader for these well-formed extracts; no XML library is needed for their few element kinds.
 */
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";

export const METADATA_DIR = resolve(__dirname, "..", "..", "..", "shared", "graph-metadata");
export const metadataAvailable = existsSync(join(METADATA_DIR, "v1.0-externalConnectors.csdl.xml"));

export interface CsdlProperty { type: string; nullable: boolean; navigation: boolean }
export interface CsdlType { kind: "entity" | "complex"; open: boolean; abstract: boolean; baseType?: string; properties: Record<string, CsdlProperty> }
export interface Csdl { namespace: string; enums: Record<string, string[]>; types: Record<string, CsdlType> }

const attribute = (text: string, name: string) => new RegExp(`\\b${name}="([^"]*)"`).exec(text)?.[1];
/** The CSDL uses the alias `graph` for `microsoft.graph`. */
const qualify = (type: string) => type.replace(/(^|\()graph\./g, "$1microsoft.graph.");

export function readCsdl(file: string): Csdl {
  const xml = readFileSync(join(METADATA_DIR, file), "utf8");
  const namespace = attribute(/<Schema [^>]*>/.exec(xml)![0], "Namespace")!;
  const enums: Record<string, string[]> = {};
  for (const match of xml.matchAll(/<EnumType\b([^>]*)>([\s\S]*?)<\/EnumType>/g)) {
    enums[`${namespace}.${attribute(match[1], "Name")}`] = [...match[2].matchAll(/<Member\b([^>]*)\/>/g)].map((member) => attribute(member[1], "Name")!);
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
  const mappings = JSON.parse(readFileSync(join(METADATA_DIR, "beta-type-mappings.json"), "utf8")) as BetaMappings;
  const types: Record<string, string[]> = {};
  for (const kind of ["entity", "complex"] as const) {
    for (const [namespace, byName] of Object.entries(mappings.types[kind])) {
      for (const [name, type] of Object.entries(byName)) types[`${namespace}.${name}`] = [...type.properties, ...type.navigationProperties];
    }
  }
  const enums: Record<string, string[]> = {};
  for (const [namespace, byName] of Object.entries(mappings.types.enum)) for (const [name, members] of Object.entries(byName)) enums[`${namespace}.${name}`] = members;
  return { types, enums };
}
