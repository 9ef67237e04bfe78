/**
 * A create of a connection that already exists, exactly as declared (what the next `pulumi up` meets after a run
 * killed once its POST went out): Graph answers 409 and the provider's handler takes the connection over instead
 * of failing.
 */
import { externalConnectionHandler } from "../../../provider/resources/externalConnection/handler";
import { sameValue } from "../../../provider/resources/values";
import { expectThat, LiveRun } from "../run";
import { ScenarioState } from "./state";

export async function adoption(run: LiveRun, state: ScenarioState): Promise<string> {
  const { inputs, outs } = state.connection!;
  const from = run.transcript.lastSeq;
  const again = await externalConnectionHandler.create(run.app, inputs);
  const posts = run.transcript.since(
    from,
    (exchange) => exchange.request.method === "POST" && /\/external\/connections$/.test(exchange.request.url),
  );
  expectThat(
    posts.some((post) => post.response?.status === 409),
    `the second create's POST answered ${posts.map((post) => post.response?.status ?? post.error).join(", ") || "nothing"}, not 409`,
  );
  expectThat(
    again.id === inputs.connectionId && sameValue(again.outs, outs),
    `the adopted connection's outputs differ from the first create's: ${JSON.stringify(again.outs)}`,
  );
  expectThat(
    run.logs.some((line) => line.includes(`connection '${inputs.connectionId}' already exists exactly as declared`)),
    "the provider did not say it took the connection over",
  );
  return `the second create of '${inputs.connectionId}' met 409 and took the connection over, outputs unchanged`;
}
