import { InputError } from "../../errors/app-error.js";
import { escapeControlCharacters } from "../json-input.js";

/** One EPSS score of one CVE. */
export interface EpssScore {
  readonly cveId: string;
  readonly epss: number;
  readonly percentile: number;
}

/** What an EPSS file says about itself; the per-year variant says nothing. */
export interface EpssFileInfo {
  readonly variant: "official" | "per-year";
  readonly modelVersion: string | null;
  /** `YYYY-MM-DD`, from the file's first line or given by the user; null when unknown. */
  readonly scoreDate: string | null;
}

/** Longest line an EPSS file may hold (a real row is about 40 characters). */
export const EPSS_MAX_LINE_LENGTH = 1_024;

const CVE_ID = /^CVE-\d{4}-\d{4,19}$/;
const SCORE = /^(?:0(?:\.\d{1,20})?|1(?:\.0{1,20})?|\d\.\d{1,20}[eE]-\d{1,3})$/;
const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const METADATA = /^#model_version:([^,]{1,64})(?:,score_date:(\d{4}-\d{2}-\d{2})(?:T[0-9:.+\-Z]{0,40})?)?\s*$/;
const OFFICIAL_HEADER = "cve,epss,percentile";

/** Whether the start of a file is an EPSS CSV (either variant), by its first line. */
export function looksLikeEpssCsv(head: string): boolean {
  const firstLine = (head.split("\n", 1)[0] ?? "").replace(/^\uFEFF/, "").replace(/\r$/, "");
  return (
    firstLine.startsWith("#model_version:") ||
    firstLine.trim() === OFFICIAL_HEADER ||
    /^CVE-\d{4}-\d+[;,][0-9.eE-]+[;,][0-9.eE-]+\s*$/.test(firstLine)
  );
}

/** Whether `value` is a `YYYY-MM-DD` date. */
export function isEpssScoreDate(value: string): boolean {
  return DATE.test(value);
}

/**
 * Reads an EPSS CSV line by line: FIRST's official file (`#model_version:…,score_date:…`, then
 * `cve,epss,percentile`) or the header-less `CVE-ID;epss;percentile` per-year variant, told apart
 * by the first line. A score date given by the user (`givenScoreDate`) is used where the file has
 * none; the file's own `score_date` wins where it has one.
 */
export class EpssCsvReader {
  private variant: EpssFileInfo["variant"] | null = null;
  private modelVersion: string | null = null;
  private scoreDate: string | null;
  private expectHeader = false;
  private separator = ",";

  constructor(
    private readonly location: string,
    givenScoreDate: string | null = null,
  ) {
    this.scoreDate = givenScoreDate;
  }

  /** Feed one line (without its line break); the score it holds, or null for metadata and blank lines. */
  line(text: string, lineNumber: number): EpssScore | null {
    const line = text.endsWith("\r") ? text.slice(0, -1) : text;
    if (line.length > EPSS_MAX_LINE_LENGTH)
      throw this.error(lineNumber, `longer than ${EPSS_MAX_LINE_LENGTH} characters`);
    if (this.variant === null) return this.first(line.replace(/^\uFEFF/, ""), lineNumber);
    if (this.expectHeader) {
      this.expectHeader = false;
      if (line.trim() !== OFFICIAL_HEADER) {
        throw this.error(lineNumber, `the header line "${OFFICIAL_HEADER}" is missing after the #model_version line`);
      }
      return null;
    }
    if (line === "") return null;
    return this.score(line, lineNumber);
  }

  /** What the file said about itself, once read. */
  info(): EpssFileInfo {
    if (this.variant === null) throw new InputError("empty: no EPSS data", { location: this.location });
    if (this.expectHeader) throw this.error(2, `the header line "${OFFICIAL_HEADER}" is missing`);
    return { variant: this.variant, modelVersion: this.modelVersion, scoreDate: this.scoreDate };
  }

  private first(line: string, lineNumber: number): EpssScore | null {
    if (line.startsWith("#")) {
      const metadata = METADATA.exec(line);
      if (!metadata) throw this.error(lineNumber, "not an EPSS #model_version:…,score_date:… line");
      this.variant = "official";
      this.modelVersion = metadata[1] ?? null;
      const fileDate = metadata[2] ?? null;
      if (fileDate !== null) {
        if (!DATE.test(fileDate)) throw this.error(lineNumber, `score_date ${fileDate} is not a date`);
        this.scoreDate = fileDate;
      }
      this.expectHeader = true;
      return null;
    }
    if (line.trim() === OFFICIAL_HEADER) {
      this.variant = "official";
      return null;
    }
    if (line.startsWith("CVE-") && line.includes(";")) {
      this.variant = "per-year";
      this.separator = ";";
      return this.score(line, lineNumber);
    }
    if (line.startsWith("CVE-")) {
      throw this.error(lineNumber, `the header line "${OFFICIAL_HEADER}" is missing (the file starts with data)`);
    }
    throw this.error(
      lineNumber,
      `not EPSS data: expected "#model_version:…", "${OFFICIAL_HEADER}" or "CVE-ID;epss;percentile"`,
    );
  }

  private score(line: string, lineNumber: number): EpssScore {
    const fields = line.split(this.separator);
    if (fields.length !== 3)
      throw this.error(lineNumber, `${fields.length} fields; an EPSS row has 3 (cve, epss, percentile)`);
    const [cveId, epss, percentile] = fields as [string, string, string];
    if (!CVE_ID.test(cveId))
      throw this.error(lineNumber, `${escapeControlCharacters(JSON.stringify(cveId.slice(0, 40)))} is not a CVE id`);
    return {
      cveId,
      epss: this.probability(epss, "epss", lineNumber),
      percentile: this.probability(percentile, "percentile", lineNumber),
    };
  }

  private probability(value: string, field: string, lineNumber: number): number {
    const number = Number(value);
    if (!SCORE.test(value) || !(number >= 0 && number <= 1)) {
      throw this.error(
        lineNumber,
        `${field} ${escapeControlCharacters(JSON.stringify(value.slice(0, 40)))} is not a number from 0 to 1`,
      );
    }
    return number;
  }

  private error(line: number, what: string): InputError {
    return new InputError(`line ${line}: ${what}`, { location: this.location });
  }
}
