import * as pulumi from "@pulumi/pulumi";
import type { ConnectorGroupInputs, ConnectorInputs } from "../../provider/resources/appProxy/types";
import { ArgsOf } from "./inputs";
import { GraphConnectorsResource } from "./resource";

export type ConnectorArgs = ArgsOf<ConnectorInputs>;
export type ConnectorGroupArgs = ArgsOf<ConnectorGroupInputs>;

/**
 * An Entra Application Proxy connector group (beta `/onPremisesPublishingProfiles/applicationProxy/connectorGroups`).
 * Application Proxy APIs accept delegated permissions only (Directory.ReadWrite.All): the stack must sign in as
 * a user; an application credential fails at preview.
 */
export class ConnectorGroup extends GraphConnectorsResource {
  declare readonly name: pulumi.Output<string>;
  declare readonly region: pulumi.Output<string | undefined>;
  /** The Graph id of the group, to place connectors in it. */
  declare readonly connectorGroupId: pulumi.Output<string>;
  declare readonly connectorGroupType: pulumi.Output<string | undefined>;
  declare readonly isDefault: pulumi.Output<boolean | undefined>;

  constructor(name: string, args: ConnectorGroupArgs, opts?: pulumi.CustomResourceOptions) {
    super("ConnectorGroup", name, { connectorGroupId: undefined, connectorGroupType: undefined, isDefault: undefined, ...args }, opts);
  }
}

/**
 * An installed Entra Application Proxy connector, found by `machineName` and kept in a connector group. Graph
 * cannot create connectors (the agent is installed on a server and registers itself): create fails with that
 * explanation when no agent registered under the machine name. Destroying it returns the connector to the
 * default group. Delegated permissions only, like ConnectorGroup.
 */
export class Connector extends GraphConnectorsResource {
  declare readonly machineName: pulumi.Output<string>;
  declare readonly connectorGroupId: pulumi.Output<string>;
  declare readonly connectorId: pulumi.Output<string>;
  declare readonly externalIp: pulumi.Output<string | undefined>;
  declare readonly status: pulumi.Output<string | undefined>;
  declare readonly version: pulumi.Output<string | undefined>;

  constructor(name: string, args: ConnectorArgs, opts?: pulumi.CustomResourceOptions) {
    super("Connector", name, { connectorId: undefined, externalIp: undefined, status: undefined, version: undefined, ...args }, opts);
  }
}
