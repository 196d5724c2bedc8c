import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { type ResourceLimits, Worker } from "node:worker_threads";

/**
 * Start a worker thread running the module `name` beside `base` (a caller's `import.meta.url`):
 * the compiled `name.js`, or under the TypeScript sources (tests, `tsx`) `name.ts` after
 * registering tsx in the worker, which does not inherit the loader.
 */
export function spawnWorker(base: string, name: string, workerData: unknown, resourceLimits?: ResourceLimits): Worker {
  const options = resourceLimits ? { workerData, resourceLimits } : { workerData };
  if (!base.endsWith(".ts")) return new Worker(new URL(`./${name}.js`, base), options);
  const entry = new URL(`./${name}.ts`, base).href;
  // createRequire, not import.meta.resolve: the latter is missing where vitest runs this file.
  const tsx = pathToFileURL(
    createRequire(import.meta.url)
      .resolve("tsx/esm/api")
      .replace(/\.cjs$/, ".mjs"),
  ).href;
  const bootstrap = `import(${JSON.stringify(tsx)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); })`;
  return new Worker(bootstrap, { eval: true, ...options });
}
