/** The `$batch` body the queue sends and how it reads Graph's answer back (provider/graph/batching/wire.ts). */
import { batchOrder } from "../../model/batch";
import { batchAnswers, batchRequests } from "../../provider/graph/batching/wire";

const items = [
  { method: "POST" as const, url: "/external/connections/hr/groups", body: { id: "g1" } },
  { method: "GET" as const, url: "/external/connections/hr/groups/g2", headers: { prefer: "include-unknown-enum-members" } },
  { method: "DELETE" as const, url: "/external/connections/hr/groups/g3" },
];

describe("$batch wire format", () => {
  test("a parallel batch: ids are positions, a body carries its Content-Type, headers are kept", () => {
    expect(batchRequests(items, false)).toEqual([
      {
        id: "0",
        method: "POST",
        url: "/external/connections/hr/groups",
        headers: { "Content-Type": "application/json" },
        body: { id: "g1" },
      },
      { id: "1", method: "GET", url: "/external/connections/hr/groups/g2", headers: { prefer: "include-unknown-enum-members" } },
      { id: "2", method: "DELETE", url: "/external/connections/hr/groups/g3" },
    ]);
    expect(batchOrder(batchRequests(items, false))).toBe("parallel");
  });

  test("a chain: each request after the first depends on the one before it, so Graph takes it as fully sequential", () => {
    const chain = batchRequests(items, true);
    expect(chain.map((request) => request.dependsOn)).toEqual([undefined, ["0"], ["1"]]);
    expect(batchOrder(chain)).toBe("sequential");
  });

  test("answers come back in the order sent, whatever Graph's order, header names in lower case; one left out is undefined", () => {
    const body = {
      responses: [
        { id: "2", status: 204 },
        {
          id: "0",
          status: 429,
          headers: { "Retry-After": "2", "Content-Type": "application/json" },
          body: { error: { code: "TooManyRequests" } },
        },
      ],
    };
    expect(batchAnswers(body, 3)).toEqual([
      { status: 429, headers: { "retry-after": "2", "content-type": "application/json" }, body: { error: { code: "TooManyRequests" } } },
      undefined,
      { status: 204, headers: {}, body: undefined },
    ]);
  });

  test("an answer with no responses leaves every request without one", () => {
    expect(batchAnswers(undefined, 2)).toEqual([undefined, undefined]);
    expect(batchAnswers({ responses: "nonsense" }, 1)).toEqual([undefined]);
  });
});
