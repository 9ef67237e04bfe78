import * as pulumi from "@pulumi/pulumi";
import type { ConnectionSchema } from "../../model/schema";
import type {
  ActivitySettings,
  ConnectionConfiguration,
  ExternalConnectionInputs,
  SchemaInput,
  SearchSettings,
} from "../../provider/resources/externalConnection/types";
import { ArgsOf } from "./inputs";
import { GraphConnectorsResource } from "./resource";

export type ExternalConnectionArgs = ArgsOf<ExternalConnectionInputs>;

/**
 * A Microsoft Graph external connection (`/external/connections/{id}`), optionally with its schema.
 *
 * Create registers the schema and waits for Graph's schema operation. When Graph answers 503 although it
 * created the connection (the broken-adaptive-card known issue) and the retry gets 409, the connection is
 * adopted and reconciled. Additive schema changes (new properties, refinable ones included; search
 * attributes, labels, aliases) update in place; removing a property, changing its type or making an existing
 * property refinable replaces the connection, which deletes every ingested item (the preview says so).
 */
export class ExternalConnection extends GraphConnectorsResource {
  declare readonly connectionId: pulumi.Output<string>;
  declare readonly name: pulumi.Output<string>;
  declare readonly description: pulumi.Output<string | undefined>;
  declare readonly configuration: pulumi.Output<ConnectionConfiguration | undefined>;
  declare readonly activitySettings: pulumi.Output<ActivitySettings | undefined>;
  declare readonly searchSettings: pulumi.Output<SearchSettings | undefined>;
  declare readonly connectorId: pulumi.Output<string | undefined>;
  declare readonly contentCategory: pulumi.Output<string | undefined>;
  /** The registered schema, in canonical form. */
  declare readonly schema: pulumi.Output<ConnectionSchema | undefined>;
  /** `draft`, `ready`, `obsolete` or `limitExceeded`. */
  declare readonly state: pulumi.Output<string>;
  /** Beta, with `reportUsage`: the items Graph holds for the connection. */
  declare readonly ingestedItemsCount: pulumi.Output<number | undefined>;
  /** Beta, with `reportUsage`: the items the connection's quota still allows. */
  declare readonly itemsRemaining: pulumi.Output<number | undefined>;
  /** After a run that stopped waiting for the schema: the Location of the operation the next `pulumi up` waits for. */
  declare readonly schemaOperation: pulumi.Output<string | undefined>;

  constructor(name: string, args: ExternalConnectionArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      "ExternalConnection",
      name,
      {
        state: undefined,
        schema: undefined,
        ingestedItemsCount: undefined,
        itemsRemaining: undefined,
        schemaOperation: undefined,
        ...args,
      },
      opts,
    );
  }
}

export type { SchemaInput };
