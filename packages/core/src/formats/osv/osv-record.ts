import { z } from "zod";
import { InputError } from "../../errors/app-error.js";
import type { Advisory } from "../../matching/advisory.js";
import type { AffectedPackage } from "../../matching/affected-package.js";
import { type PackageKey, packageKeyOfOsvPackage } from "../../purl/package-key.js";
import { parseWithSchema } from "../json-input.js";
import { normaliseOsvAffected } from "./osv-affected.js";
import { preferredVulnerabilityId } from "./preferred-id.js";

/** An OSV record normalised for storage and matching. */
export type ParsedOsvRecord = Advisory;

const eventSchema = z.union(
  [
    z.strictObject({ introduced: z.string().min(1) }),
    z.strictObject({ fixed: z.string().min(1) }),
    z.strictObject({ last_affected: z.string().min(1) }),
    z.strictObject({ limit: z.string().min(1) }),
  ],
  { error: "an event has exactly one of introduced, fixed, last_affected or limit" },
);

const rangeSchema = z.looseObject({
  type: z.enum(["SEMVER", "ECOSYSTEM", "GIT"], { error: "range type must be SEMVER, ECOSYSTEM or GIT" }),
  repo: z.string().optional(),
  events: z.array(eventSchema).min(1, "a range needs at least one event"),
});

const affectedSchema = z.looseObject({
  package: z
    .looseObject({
      ecosystem: z.string().min(1),
      name: z.string().min(1),
      purl: z.string().optional(),
    })
    .optional(),
  ranges: z.array(rangeSchema).optional(),
  versions: z.array(z.string()).optional(),
});

const recordSchema = z.looseObject({
  id: z.string({ error: "an OSV record needs an id" }).min(1),
  modified: z.string({ error: "an OSV record needs a modified timestamp" }).min(1),
  published: z.string().optional(),
  withdrawn: z.string().optional(),
  aliases: z.array(z.string()).nullish(),
  summary: z.string().optional(),
  affected: z.array(affectedSchema).nullish(),
});

/** True when a JSON value looks like an OSV record rather than some other document. */
function looksLikeOsv(value: unknown): boolean {
  return typeof value === "object" && value !== null && "id" in value && "modified" in value;
}

/**
 * Normalise one OSV record (already JSON-parsed). `location` names the file (and index, for
 * array files) in errors. Affected entries whose ecosystem has no PURL type are kept in the raw
 * record but not indexed for matching. Ranges are converted to vers here, once (docs/adr/0014).
 */
export function parseOsvRecord(value: unknown, location: string): ParsedOsvRecord {
  if (!looksLikeOsv(value)) {
    throw new InputError("not an OSV record: it has no id and modified fields", { location });
  }
  const record = parseWithSchema(recordSchema, value, location);
  const affected: AffectedPackage[] = [];
  (record.affected ?? []).forEach((entry, index) => {
    if (!entry.package) return;
    let key: PackageKey | undefined;
    try {
      key = packageKeyOfOsvPackage(entry.package);
    } catch (error) {
      // Only the PURL parser's own InputError is the record's fault; anything else is a bug and stays one.
      if (!(error instanceof InputError)) throw error;
      throw new InputError(error.message, { location: `${location}: affected[${index}].package.purl`, cause: error });
    }
    if (!key) return;
    affected.push(
      normaliseOsvAffected(key, {
        ecosystem: entry.package.ecosystem,
        name: entry.package.name,
        ...(entry.package.purl ? { purl: entry.package.purl } : {}),
        ranges: entry.ranges ?? [],
        versions: entry.versions ?? [],
      }),
    );
  });
  const aliases = [...new Set(record.aliases ?? [])].filter((alias) => alias !== record.id);
  return {
    id: record.id,
    preferredId: preferredVulnerabilityId(record.id, aliases),
    aliases,
    summary: record.summary ?? null,
    published: record.published ?? null,
    modified: record.modified,
    withdrawn: record.withdrawn ?? null,
    affected,
    record: JSON.stringify(value),
  };
}

/** Parse an OSV file's JSON: one record, or an array of records. */
export function parseOsvDocument(json: unknown, location: string): ParsedOsvRecord[] {
  if (Array.isArray(json)) return json.map((item, index) => parseOsvRecord(item, `${location}: [${index}]`));
  return [parseOsvRecord(json, location)];
}
