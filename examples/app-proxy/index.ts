// Application Proxy as code: a connector group, and the connector agents installed on two gateway servers
// placed in it. Graph cannot install agents (install them on the servers first; they register themselves)
// and accepts only delegated permissions here, so run this stack signed in as a user with
// Directory.ReadWrite.All (e.g. `az login`), not with an app's client secret: an app credential fails at preview.
import { Connector, ConnectorGroup } from "pulumi-graph-connectors";

const hrGateways = new ConnectorGroup("hr-gateways", { name: "HR gateways", region: "eur" });

export const connectors = ["hr-gateway-01.contoso.local", "hr-gateway-02.contoso.local"].map(
  (machineName, index) => new Connector(`hr-gateway-${index + 1}`, { machineName, connectorGroupId: hrGateways.connectorGroupId }).status,
);

export const connectorGroupId = hrGateways.connectorGroupId;
