/**
 * Loads a package installed into a scratch project at run time (the generated SDK, a copy of this package) as
 * that project's program would: by a path known only once it is installed. Used by the tests and the benchmark.
 */
export function requireInstalled<T>(path: string): T {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the path exists only at run time
  return require(path) as T;
}
