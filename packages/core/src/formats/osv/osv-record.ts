import { z } from "zod";
import { InputError } from "../../errors/app-error.js";
import type { Advisory } from "../../matching/advisory.js";
import type { AffectedPackage } from "../../matching/affected-package.js";
import { type PackageKey, packageKeyOfOsvPackage } from "../../purl/package-key.js";
import { parseRfc3339 } from "../../time/rfc3339.js";
import { boundedArray, count, expected, text } from "../field-rules.js";
import { escapeControlCharacters, parseWithSchema } from "../json-input.js";
import { normaliseOsvAffected } from "./osv-affected.js";
import { preferredVulnerabilityId } from "./preferred-id.js";

/** An OSV record normalised for storage and matching. */
export type ParsedOsvRecord = Advisory;

/** Told each thing a record does that OSV does not allow but that changes nothing fleetpatch concludes. */
export type OsvWarningListener = (message: string) => void;

/**
 * What one OSV record may hold (docs/adr/0021). Real feeds stay far below every limit (the
 * largest of 5,600 records surveyed: 46 events in a range, 219 listed versions, 9.5k characters
 * of details, 36k characters in all); a record beyond one is refused with the limit named, so a
 * hostile or broken file cannot fill memory, the database or every finding's evidence.
 * Lengths count UTF-16 code units, as JavaScript strings do.
 */
export const OSV_LIMITS = {
  /** `id` and each alias. */
  idLength: 255,
  aliases: 1_000,
  summaryLength: 4_096,
  detailsLength: 262_144,
  affectedEntries: 10_000,
  rangesPerEntry: 1_000,
  eventsPerRange: 1_000,
  versionsPerEntry: 50_000,
  /** Each listed version and each event's version (a Go pseudo-version is 34, a Git hash 40 or 64). */
  versionLength: 255,
  ecosystemLength: 255,
  packageNameLength: 1_024,
  purlLength: 2_048,
  repoLength: 2_048,
  /** The whole record as JSON, as it is stored: what bounds fields fleetpatch does not read. */
  recordLength: 2_097_152,
  /** Levels of objects and arrays, the record itself being 1 (the deepest real record surveyed: 9). */
  nestingDepth: 32,
} as const;

const EVENT_KINDS = ["introduced", "fixed", "last_affected", "limit"] as const;
const EXACTLY_ONE_KIND = "an event has exactly one of introduced, fixed, last_affected or limit";

/** A value from the record as a message shows it: JSON syntax, control characters escaped, cut when long. */
function quote(value: unknown): string {
  const text = typeof value === "string" && value.length > 80 ? `${value.slice(0, 80)}…` : value;
  return escapeControlCharacters(JSON.stringify(text) ?? String(text));
}

/** An RFC 3339 timestamp, kept as written; whether it used `Z` is remembered for the warning. */
const timestamp = z.string({ error: expected("an RFC 3339 timestamp string") }).transform((value, context) => {
  const instant = parseRfc3339(value);
  if (!instant) {
    context.addIssue({
      code: "custom",
      message: `${quote(value)} is not an RFC 3339 timestamp (such as 2024-05-01T12:00:00Z)`,
    });
    return z.NEVER;
  }
  return { text: value, zulu: instant.zulu };
});

const version = text(OSV_LIMITS.versionLength);

const eventSchema = z
  .looseObject(
    {
      introduced: version.optional(),
      fixed: version.optional(),
      last_affected: version.optional(),
      limit: version.optional(),
    },
    { error: expected("an object") },
  )
  .superRefine((event, context) => {
    // Unknown fields are refused here although OSV allows them elsewhere: a misspelt `fixd` beside
    // `introduced: "0"` would otherwise read as "every version is affected".
    const unknown = Object.keys(event).filter((key) => !(EVENT_KINDS as readonly string[]).includes(key));
    if (unknown.length > 0) {
      context.addIssue({
        code: "custom",
        message: `unknown event field ${unknown.map(quote).join(", ")}; ${EXACTLY_ONE_KIND}`,
      });
    } else if (Object.keys(event).length !== 1) {
      context.addIssue({ code: "custom", message: EXACTLY_ONE_KIND });
    }
  });

const rangeSchema = z
  .looseObject(
    {
      type: z.enum(["SEMVER", "ECOSYSTEM", "GIT"], {
        error: (issue) =>
          issue.input === undefined
            ? "is missing (SEMVER, ECOSYSTEM or GIT)"
            : `must be SEMVER, ECOSYSTEM or GIT, not ${quote(issue.input)}`,
      }),
      repo: text(OSV_LIMITS.repoLength).optional(),
      events: boundedArray(eventSchema, OSV_LIMITS.eventsPerRange, "events"),
    },
    { error: expected("an object") },
  )
  .superRefine((range, context) => {
    // The schema's two rules on a range as a whole (its `contains` and its `allOf`).
    const has = (kind: (typeof EVENT_KINDS)[number]) => range.events.some((event) => event[kind] !== undefined);
    if (!has("introduced")) {
      context.addIssue({ code: "custom", path: ["events"], message: 'needs an "introduced" event' });
    } else if (has("fixed") && has("last_affected")) {
      context.addIssue({
        code: "custom",
        path: ["events"],
        message: 'has both "fixed" and "last_affected" events; OSV allows only one of them in a range',
      });
    }
  });

const affectedSchema = z.looseObject(
  {
    package: z
      .looseObject(
        {
          ecosystem: text(OSV_LIMITS.ecosystemLength),
          name: text(OSV_LIMITS.packageNameLength),
          purl: text(OSV_LIMITS.purlLength).optional(),
        },
        { error: expected("an object") },
      )
      .optional(),
    // Go's encoding/json writes an empty list as null; the schema says array, the meaning is plain.
    ranges: boundedArray(rangeSchema, OSV_LIMITS.rangesPerEntry, "ranges").nullish(),
    versions: boundedArray(version, OSV_LIMITS.versionsPerEntry, "versions").nullish(),
  },
  { error: expected("an object") },
);

const SEMVER_MAJOR = /^(\d+)\.\d+\.\d+(?:[-+].*)?$/;

const recordSchema = z.looseObject(
  {
    schema_version: z
      .string({ error: expected("a string") })
      .superRefine((value, context) => {
        const major = SEMVER_MAJOR.exec(value)?.[1];
        if (major !== undefined && major !== "1") {
          context.addIssue({
            code: "custom",
            message: `${quote(value)} is not supported; fleetpatch reads OSV schema 1.x`,
          });
        }
      })
      .optional(),
    id: text(OSV_LIMITS.idLength),
    modified: timestamp,
    published: timestamp.optional(),
    withdrawn: timestamp.optional(),
    aliases: boundedArray(text(OSV_LIMITS.idLength), OSV_LIMITS.aliases, "aliases").nullish(),
    summary: text(OSV_LIMITS.summaryLength, { prose: true, allowEmpty: true }).optional(),
    details: text(OSV_LIMITS.detailsLength, { prose: true, allowEmpty: true }).optional(),
    affected: boundedArray(affectedSchema, OSV_LIMITS.affectedEntries, "affected entries").nullish(),
  },
  { error: expected("an object") },
);

type OsvRecordFields = z.infer<typeof recordSchema>;

/** The id alone, checked first so that every later message can name the record by it. */
const idSchema = z.looseObject({ id: recordSchema.shape.id });

/** True when a JSON value looks like an OSV record rather than some other document. */
function looksLikeOsv(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) && ("id" in value || "modified" in value);
}

/**
 * Where errors about this record point: the file (and index) and, once the id is known to be
 * printable, the record's id. A bad id is reported at `id` without being echoed.
 */
function recordLocation(value: Record<string, unknown>, location: string): string {
  parseWithSchema(idSchema, value, location);
  return `${location}: record ${value.id as string}`;
}

/**
 * The record as the JSON text that is stored, refused past OSV_LIMITS.nestingDepth: fields nobody
 * reads (`database_specific`) are otherwise free-form, and 100,000 nested arrays overflow
 * JSON.stringify's stack here, or a reader's later. The depth is tracked as stringify walks (about
 * 6 µs a record), so the record is still walked once and refused at the limit, not at the stack's.
 */
function storedJson(value: object, location: string): string {
  const depths = new WeakMap<object, number>();
  return JSON.stringify(value, function (this: object, _key: string, item: unknown) {
    if (typeof item === "object" && item !== null) {
      const depth = (depths.get(this) ?? 0) + 1;
      if (depth > OSV_LIMITS.nestingDepth) {
        throw new InputError(`nests objects and arrays more than ${OSV_LIMITS.nestingDepth} levels deep`, { location });
      }
      depths.set(item, depth);
    }
    return item;
  });
}

/** What the record does that the schema does not allow but that changes nothing fleetpatch concludes. */
function collectWarnings(record: OsvRecordFields, location: string, warn: OsvWarningListener): void {
  if (record.schema_version !== undefined && !SEMVER_MAJOR.test(record.schema_version)) {
    warn(`${location}: schema_version: ${quote(record.schema_version)} is not a SemVer version; read as OSV 1.x`);
  }
  for (const [field, stamp] of [
    ["modified", record.modified],
    ["published", record.published],
    ["withdrawn", record.withdrawn],
  ] as const) {
    if (stamp && !stamp.zulu) {
      warn(
        `${location}: ${field}: ${stamp.text} is not written in UTC with "Z", as OSV asks; read as the instant it names`,
      );
    }
  }
  (record.affected ?? []).forEach((entry, entryIndex) => {
    (entry.ranges ?? []).forEach((range, rangeIndex) => {
      if (range.type === "GIT" && range.repo === undefined) {
        warn(
          `${location}: affected[${entryIndex}].ranges[${rangeIndex}]: a GIT range needs "repo"; it is kept but never evaluated`,
        );
      }
    });
  });
}

/**
 * Validate and normalise one OSV record (already JSON-parsed) against the OSV schema 1.x, once:
 * violations in what fleetpatch reads, and the limits of OSV_LIMITS, are InputErrors naming the
 * file, the record and the field (`osv/GO-1.json: record GO-2020-0001: affected[0].ranges[0].events:
 * needs an "introduced" event`); violations that change nothing it concludes go to `warn`; fields
 * it does not read are kept verbatim in `record`, bounded by the record's size (docs/adr/0021).
 * Affected entries whose ecosystem has no PURL type are kept in the raw record but not indexed
 * for matching. Ranges are converted to vers here, once (docs/adr/0014).
 */
export function parseOsvRecord(value: unknown, location: string, warn?: OsvWarningListener): ParsedOsvRecord {
  if (!looksLikeOsv(value)) {
    throw new InputError("not an OSV record: it has no id and modified fields", { location });
  }
  const where = recordLocation(value, location);
  const record = parseWithSchema(recordSchema, value, where);
  const stored = storedJson(value, where);
  if (stored.length > OSV_LIMITS.recordLength) {
    throw new InputError(
      `is ${count(stored.length)} characters as JSON; the limit for one record is ${count(OSV_LIMITS.recordLength)}`,
      { location: where },
    );
  }
  if (warn) collectWarnings(record, where, warn);
  const affected: AffectedPackage[] = [];
  (record.affected ?? []).forEach((entry, index) => {
    if (!entry.package) return;
    let key: PackageKey | undefined;
    try {
      key = packageKeyOfOsvPackage(entry.package);
    } catch (error) {
      // Only the PURL parser's own InputError is the record's fault; anything else is a bug and stays one.
      if (!(error instanceof InputError)) throw error;
      throw new InputError(error.message, { location: `${where}: affected[${index}].package.purl`, cause: error });
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
    published: record.published?.text ?? null,
    modified: record.modified.text,
    withdrawn: record.withdrawn?.text ?? null,
    affected,
    record: stored,
  };
}

/** Parse an OSV file's JSON: one record, or an array of records. */
export function parseOsvDocument(json: unknown, location: string, warn?: OsvWarningListener): ParsedOsvRecord[] {
  if (Array.isArray(json)) return json.map((item, index) => parseOsvRecord(item, `${location}: [${index}]`, warn));
  return [parseOsvRecord(json, location, warn)];
}
