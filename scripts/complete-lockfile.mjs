#!/usr/bin/env node
/**
 * Add the platform-specific optional packages (e.g. @esbuild/darwin-arm64, @rollup/rollup-win32-x64-msvc,
 * @biomejs/cli-darwin-arm64) that the registry reachable here does not serve, to package-lock.json.
 *
 * Why: npm omits an optional dependency it cannot fetch from the lock file, but `npm ci` still puts it
 * in its ideal tree and then refuses the lock as "Missing: … from lock file". A lock made against the
 * full registry lists every platform's package with its `os`/`cpu`; npm skips those that do not fit
 * the machine without fetching them. This restores exactly those entries (without integrity, which
 * the missing registry entries cannot give), inferring os/cpu/libc from the package name, and fails
 * loudly for a name it cannot read. Run it after every `npm install` that changes dependencies:
 * `npm run lock:complete`. See docs/adr/0007-lockfile-platform-packages.md.
 */
import { readFileSync, writeFileSync } from "node:fs";

const OS = [
  "android",
  "darwin",
  "freebsd",
  "linux",
  "win32",
  "openbsd",
  "netbsd",
  "sunos",
  "aix",
  "openharmony",
  "cygwin",
];
const CPU = ["arm64", "x64", "ia32", "arm", "ppc64", "riscv64", "s390x", "loong64", "mips64el", "wasm32"];

/** os/cpu/libc of a platform package, read from its name, or undefined when the name says none. */
function platformOf(name) {
  const tokens = name.replace(/^@[^/]+\//, "").split("-");
  const os = tokens.find((token) => OS.includes(token));
  const cpu = tokens.find((token) => CPU.includes(token));
  if (!os && !cpu) return undefined;
  const platform = {};
  if (os) platform.os = [os];
  if (cpu) platform.cpu = [cpu];
  if (tokens.includes("musl")) platform.libc = ["musl"];
  else if (os === "linux" && tokens.some((token) => token.startsWith("gnu"))) platform.libc = ["glibc"];
  return platform;
}

const file = new URL("../package-lock.json", import.meta.url);
const lock = JSON.parse(readFileSync(file, "utf8"));
const packages = lock.packages;
let added = 0;
for (const [path, entry] of Object.entries({ ...packages })) {
  for (const [name, range] of Object.entries(entry.optionalDependencies ?? {})) {
    // Resolution looks beside the dependent first, then at the top level.
    const nested = `${path ? `${path}/` : ""}node_modules/${name}`;
    if (packages[nested] || packages[`node_modules/${name}`]) continue;
    const platform = platformOf(name);
    if (!platform) {
      process.stderr.write(
        `error: ${path}: optional dependency ${name} is missing from the lock and its name names no platform\n`,
      );
      process.exitCode = 1;
      continue;
    }
    if (!/^\d+\.\d+\.\d+(-[\w.]+)?$/.test(range)) {
      process.stderr.write(`error: ${path}: optional dependency ${name}@${range} is not pinned to one version\n`);
      process.exitCode = 1;
      continue;
    }
    packages[`node_modules/${name}`] = {
      version: range,
      ...(entry.dev ? { dev: true } : {}),
      optional: true,
      ...platform,
    };
    added++;
  }
}
const sorted = Object.fromEntries(
  Object.entries(packages).sort(([a], [b]) => (a === "" ? -1 : b === "" ? 1 : a < b ? -1 : 1)),
);
lock.packages = sorted;
writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
process.stdout.write(`package-lock.json: added ${added} platform packages\n`);
