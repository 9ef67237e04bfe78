/** What one step of the scenario leaves for the later ones. */
import type { ExternalConnectionInputs, ExternalConnectionOutputs } from "../../../provider/resources/externalConnection/types";
import type { RunNames } from "../names";
import type { QuestionId } from "../questions";

/** A schema a probe submitted and Graph accepted: its operation is looked at once the main steps are done. */
export interface ProbeOperation {
  question: QuestionId;
  connectionId: string;
  location: string;
}

export interface ScenarioState {
  names: RunNames;
  /** The declared connection as the last handler call left it. */
  connection?: { inputs: ExternalConnectionInputs; outs: ExternalConnectionOutputs };
  probeOperations: ProbeOperation[];
}
