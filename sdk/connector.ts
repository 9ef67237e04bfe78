import * as pulumi from "@pulumi/pulumi";
import type { ConnectorInputs } from "../provider/resources/connector";
import { DeepInput } from "./inputs";
import { MODULE, providers } from "./providers";

export type ConnectorArgs = { [K in keyof ConnectorInputs]: DeepInput<ConnectorInputs[K]> };

/**
 * The beta `connector` object (an Entra Application Proxy connector agent,
 * `/beta/onPremisesPublishingProfiles/applicationProxy/connectors`). Graph documents no create for real
 * tenants, where agents are installed on-premises; the emulator serves the documented stub.
 */
export class Connector extends pulumi.dynamic.Resource {
  declare readonly machineName: pulumi.Output<string>;
  declare readonly externalIp: pulumi.Output<string | undefined>;
  declare readonly status: pulumi.Output<string | undefined>;
  declare readonly version: pulumi.Output<string | undefined>;

  constructor(name: string, args: ConnectorArgs, opts?: pulumi.CustomResourceOptions) {
    super(providers.Connector, name, { version: undefined, ...args }, opts, MODULE, "Connector");
  }
}
