import { NotFoundError } from "@fleetpatch/core";
import { osvSource } from "./osv/index.js";
import type { IntelSource } from "./source.js";

/** Every intelligence source; the registry test fails when a folder here is not listed. */
export const INTEL_SOURCES: readonly IntelSource[] = [osvSource];

/** The source of that name, or NotFoundError listing the known ones. */
export function intelSource(name: string): IntelSource {
  const source = INTEL_SOURCES.find((candidate) => candidate.name === name);
  if (!source) {
    throw new NotFoundError(
      `no intelligence source "${name}"; known: ${INTEL_SOURCES.map((candidate) => candidate.name).join(", ")}`,
    );
  }
  return source;
}
