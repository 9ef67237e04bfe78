/**
 * What `graph-connectors export` reads: every connection of the tenant with its settings, schema, result
 * templates and URL resolvers, as the inputs that declare it exactly (the same reading as `pulumi import`),
 * plus the external groups named on the command line (Graph offers no way to list a connection's groups, and
 * none to list a group's members).
 */
import { CONNECTIONS_PATH } from "../../model/connection";
import type { Engine } from "../engine/engine";
import { ResourceType, typeOfHandler } from "../engine/registry";
import { GraphConnectorsError } from "../errors";
import { externalConnectionHandler } from "../resources/externalConnection/handler";
import { externalGroupHandler } from "../resources/externalGroup/handler";

export interface ExportedResource {
  /** Resource type name, the SDK class that declares it. */
  type: ResourceType;
  /** The Graph id `pulumi import` takes. */
  id: string;
  inputs: Record<string, unknown>;
}

export interface ExportOptions {
  /** Only these connections; all by default. */
  connections?: string[];
  /** External groups to export too, as `<connectionId>/<groupId>`. */
  groups?: string[];
}

/** What is exported, with the engine's `import` (the reading `pulumi import` does) on the command's own provider process. */
export async function exportTenant(engine: Engine, options: ExportOptions = {}): Promise<ExportedResource[]> {
  const connectionType = typeOfHandler(externalConnectionHandler);
  const groupType = typeOfHandler(externalGroupHandler);
  const listed = await engine.process.context().graph.request("GET", "v1.0", CONNECTIONS_PATH);
  const ids = ((listed.body as { value?: Array<{ id: string }> }).value ?? [])
    .map((connection) => connection.id)
    .filter((id) => !options.connections || options.connections.includes(id))
    .sort();
  const missing = (options.connections ?? []).filter((id) => !ids.includes(id));
  if (missing.length > 0) throw new GraphConnectorsError(`no connection ${missing.map((id) => `'${id}'`).join(", ")} in the tenant`);
  const exported: ExportedResource[] = [];
  for (const id of ids) {
    const found = await engine.import(connectionType, id);
    if (found) exported.push({ type: connectionType, id, inputs: found.inputs });
  }
  for (const id of options.groups ?? []) {
    const found = await engine.import(groupType, id);
    if (!found) throw new GraphConnectorsError(`no external group '${id}' in the tenant`);
    exported.push({ type: groupType, id, inputs: found.inputs });
  }
  return exported;
}
