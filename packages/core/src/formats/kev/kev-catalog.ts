import { z } from "zod";
import { InputError } from "../../errors/app-error.js";
import { parseRfc3339 } from "../../time/rfc3339.js";
import { CsvRecordAssembler } from "../csv/csv-records.js";
import { boundedArray, expected, text } from "../field-rules.js";
import { parseWithSchema } from "../json-input.js";

/**
 * What one KEV entry may hold (docs/adr/0026). The largest values of the 1,404-entry catalog of
 * 2025-08-25: a 1,150-character notes field, a 620-character description, 4 CWEs; every limit is
 * at least 4× that.
 */
export const KEV_LIMITS = {
  entries: 100_000,
  nameLength: 1_024,
  descriptionLength: 16_384,
  notesLength: 65_536,
  cwes: 100,
  /** One CSV field, while it is assembled. */
  csvFieldLength: 65_536,
} as const;

/** One Known Exploited Vulnerability, as CISA lists it, keyed by its CVE id. */
export interface KevEntry {
  readonly cveId: string;
  readonly vendorProject: string;
  readonly product: string;
  readonly vulnerabilityName: string;
  /** `YYYY-MM-DD`. */
  readonly dateAdded: string;
  readonly shortDescription: string;
  readonly requiredAction: string;
  /** `YYYY-MM-DD`. */
  readonly dueDate: string;
  /** `Known` or `Unknown` as CISA writes it. */
  readonly knownRansomwareCampaignUse: string;
  readonly notes: string;
  readonly cwes: readonly string[];
}

/** A KEV catalog: its entries and, for the JSON catalog, its version and release instant. */
export interface KevCatalog {
  readonly format: "json" | "csv";
  /** `2025.08.25`; null for the CSV, which carries none. */
  readonly catalogVersion: string | null;
  readonly dateReleased: string | null;
  /** True when the catalog says it holds every entry (its `count` is its length): only then are absent entries marked removed. */
  readonly complete: boolean;
  readonly entries: readonly KevEntry[];
}

const CVE_ID = /^CVE-\d{4}-\d{4,19}$/;
const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const CWE = /^CWE-\d{1,10}$/;

const cveId = text(32).refine((value) => CVE_ID.test(value), { message: "is not a CVE id (CVE-YYYY-NNNN)" });
const date = text(10).refine((value) => DATE.test(value), { message: "is not a date (YYYY-MM-DD)" });
const name = text(KEV_LIMITS.nameLength, { allowEmpty: true });
const prose = (max: number) => text(max, { prose: true, allowEmpty: true });

const entrySchema = z.object(
  {
    cveID: cveId,
    vendorProject: name,
    product: name,
    vulnerabilityName: name,
    dateAdded: date,
    shortDescription: prose(KEV_LIMITS.descriptionLength),
    requiredAction: prose(KEV_LIMITS.descriptionLength),
    dueDate: date,
    knownRansomwareCampaignUse: name.optional(),
    notes: prose(KEV_LIMITS.notesLength).optional(),
    cwes: boundedArray(
      text(16).refine((value) => CWE.test(value), { message: "is not a CWE id (CWE-NNN)" }),
      KEV_LIMITS.cwes,
      "CWEs",
    ).optional(),
  },
  { error: expected("an object") },
);

const catalogSchema = z.object(
  {
    catalogVersion: text(64),
    dateReleased: text(64).refine((value) => parseRfc3339(value) !== undefined, {
      message: "is not an RFC 3339 timestamp",
    }),
    count: z.number({ error: expected("a number") }).int(),
    vulnerabilities: boundedArray(z.unknown(), KEV_LIMITS.entries, "entries"),
  },
  { error: expected("an object") },
);

function entryOf(raw: z.infer<typeof entrySchema>): KevEntry {
  return {
    cveId: raw.cveID,
    vendorProject: raw.vendorProject,
    product: raw.product,
    vulnerabilityName: raw.vulnerabilityName,
    dateAdded: raw.dateAdded,
    shortDescription: raw.shortDescription,
    requiredAction: raw.requiredAction,
    dueDate: raw.dueDate,
    knownRansomwareCampaignUse: raw.knownRansomwareCampaignUse ?? "Unknown",
    notes: raw.notes ?? "",
    cwes: raw.cwes ?? [],
  };
}

/** A CVE listed twice in one catalog is refused: which of the two is CISA's word would be a guess. */
function refuseDuplicates(entries: readonly KevEntry[], location: string, where: (index: number) => string): void {
  const seen = new Set<string>();
  entries.forEach((entry, index) => {
    if (seen.has(entry.cveId)) {
      throw new InputError(`${entry.cveId} is listed twice in the catalog`, {
        location: `${location}: ${where(index)}`,
      });
    }
    seen.add(entry.cveId);
  });
}

/** Whether the start of a JSON file is CISA's KEV catalog. */
export function looksLikeKevJson(head: string): boolean {
  return /^\s*\{/.test(head) && /"catalogVersion"\s*:/.test(head);
}

/** Parse CISA's KEV JSON catalog; errors name the file, the entry and the field. */
export function parseKevJson(json: unknown, location: string): KevCatalog {
  const catalog = parseWithSchema(catalogSchema, json, location);
  const entries = catalog.vulnerabilities.map((raw, index) =>
    entryOf(parseWithSchema(entrySchema, raw, location, ["vulnerabilities", index])),
  );
  refuseDuplicates(entries, location, (index) => `vulnerabilities[${index}]`);
  return {
    format: "json",
    catalogVersion: catalog.catalogVersion,
    dateReleased: catalog.dateReleased,
    complete: catalog.count === entries.length,
    entries,
  };
}

/** The columns of CISA's KEV CSV, in CISA's order. */
export const KEV_CSV_COLUMNS = [
  "cveID",
  "vendorProject",
  "product",
  "vulnerabilityName",
  "dateAdded",
  "shortDescription",
  "requiredAction",
  "dueDate",
  "knownRansomwareCampaignUse",
  "notes",
  "cwes",
] as const;

const REQUIRED_CSV_COLUMNS = KEV_CSV_COLUMNS.slice(0, 8);

/** Whether the start of a CSV file is KEV's header. */
export function looksLikeKevCsv(head: string): boolean {
  return /^\uFEFF?"?cveID"?,/.test(head);
}

/**
 * Reads CISA's KEV CSV line by line (a description may span lines). The header must name known
 * columns only: an unknown one would be data silently dropped.
 */
export class KevCsvReader {
  private readonly assembler: CsvRecordAssembler;
  private columns: string[] | null = null;
  private readonly entries: KevEntry[] = [];

  constructor(private readonly location: string) {
    this.assembler = new CsvRecordAssembler(location, KEV_LIMITS.csvFieldLength);
  }

  /** Feed one line. */
  line(text: string, lineNumber: number): void {
    const record = this.assembler.line(lineNumber === 1 ? text.replace(/^\uFEFF/, "") : text, lineNumber);
    if (!record) return;
    if (this.columns === null) {
      this.columns = this.header(record.fields);
      return;
    }
    if (record.fields.length === 1 && record.fields[0] === "") return;
    if (record.fields.length !== this.columns.length) {
      throw new InputError(
        `line ${record.line}: ${record.fields.length} fields; the header has ${this.columns.length}`,
        { location: this.location },
      );
    }
    if (this.entries.length >= KEV_LIMITS.entries) {
      throw new InputError(`more than ${KEV_LIMITS.entries.toLocaleString("en-US")} entries`, {
        location: this.location,
      });
    }
    const raw: Record<string, unknown> = {};
    this.columns.forEach((column, index) => {
      const value = record.fields[index] ?? "";
      raw[column] = column === "cwes" ? (value === "" ? [] : value.split(",").map((cwe) => cwe.trim())) : value;
    });
    this.entries.push(entryOf(parseWithSchema(entrySchema, raw, `${this.location}: line ${record.line}`)));
  }

  /** The catalog read; call after the last line. */
  end(): KevCatalog {
    this.assembler.end();
    if (this.columns === null) throw new InputError("empty: no KEV CSV header", { location: this.location });
    refuseDuplicates(this.entries, this.location, (index) => `entry ${index + 1}`);
    return { format: "csv", catalogVersion: null, dateReleased: null, complete: false, entries: this.entries };
  }

  private header(fields: string[]): string[] {
    const known = new Set<string>(KEV_CSV_COLUMNS);
    const unknown = fields.find((field) => !known.has(field));
    if (unknown !== undefined) {
      throw new InputError(
        `unknown KEV CSV column ${JSON.stringify(unknown.slice(0, 80))}; known: ${KEV_CSV_COLUMNS.join(", ")}`,
        { location: this.location },
      );
    }
    const missing = REQUIRED_CSV_COLUMNS.find((column) => !fields.includes(column));
    if (missing) throw new InputError(`the KEV CSV column "${missing}" is missing`, { location: this.location });
    if (new Set(fields).size !== fields.length) {
      throw new InputError("a KEV CSV column is named twice", { location: this.location });
    }
    return fields;
  }
}
