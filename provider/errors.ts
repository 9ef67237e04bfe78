/**
 * The one base class of every error this package throws, so a program or a test can tell ours from anything
 * else with one `instanceof` (or, across copies of the package, by `isGraphConnectorsError`).
 */
export class GraphConnectorsError extends Error {
  override readonly name: string = "GraphConnectorsError";
}

export function isGraphConnectorsError(error: unknown): error is GraphConnectorsError {
  return (
    error instanceof GraphConnectorsError ||
    (error instanceof Error && (error as { isGraphConnectorsError?: boolean }).isGraphConnectorsError === true)
  );
}

Object.defineProperty(GraphConnectorsError.prototype, "isGraphConnectorsError", { value: true });
