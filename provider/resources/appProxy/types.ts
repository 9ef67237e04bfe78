export interface ConnectorGroupInputs {
  /** The group's display name. */
  name: string;
  /** `nam`, `eur`, `aus`, `asia` or `ind`; settable only while no connector or application is assigned. */
  region?: string;
  /**
   * Take over a connector group that already carries this name instead of failing. Graph does not keep names
   * unique, so such a group may be another team's: once taken over, it is this stack's, and destroying the
   * stack deletes it. @default false
   */
  adoptExisting?: boolean;
}

export interface ConnectorGroupOutputs extends ConnectorGroupInputs {
  /** The Graph id of the group (server-assigned). */
  connectorGroupId: string;
  /** Always `applicationProxy`. */
  connectorGroupType?: string;
  /** Whether this is the tenant's default connector group (onPremisesPublishingProfiles connectorGroup, read-only). */
  isDefault?: boolean;
}

export interface ConnectorInputs {
  /** The machine the connector agent is installed on, as it registered itself (case-insensitive). */
  machineName: string;
  /** The connector group to place the connector in (a ConnectorGroup's `connectorGroupId`). */
  connectorGroupId: string;
}

export interface ConnectorOutputs extends ConnectorInputs {
  /** The Graph id of the connector. */
  connectorId: string;
  /** The public IP Graph sees the agent from (read-only). */
  externalIp?: string;
  /** `active` or `inactive` (read-only). */
  status?: string;
  /** The agent version (read-only). */
  version?: string;
}
