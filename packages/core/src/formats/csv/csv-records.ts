import { InputError } from "../../errors/app-error.js";

/**
 * RFC 4180 CSV assembled from lines as a stream gives them: a quoted field may span lines, so a
 * record is returned only when its last line has arrived. Pure; the caller owns the reading.
 */
export class CsvRecordAssembler {
  private pending: string[] = [];
  private field = "";
  private inQuotes = false;
  private startLine = 0;

  constructor(
    private readonly location: string,
    private readonly maxRecordLength: number,
  ) {}

  /** Feed one line (without its line break); the record it completes, or null while a quote is open. */
  line(text: string, lineNumber: number): { fields: string[]; line: number } | null {
    if (!this.inQuotes) this.startLine = lineNumber;
    else this.field += "\n";
    for (let at = 0; at < text.length; at++) {
      const char = text[at];
      if (this.inQuotes) {
        if (char === '"') {
          if (text[at + 1] === '"') {
            this.field += '"';
            at++;
          } else this.inQuotes = false;
        } else this.field += char;
      } else if (char === '"') {
        if (this.field !== "") throw this.error(lineNumber, 'a quote (") inside an unquoted field');
        this.inQuotes = true;
      } else if (char === ",") {
        this.pending.push(this.field);
        this.field = "";
      } else this.field += char;
      if (this.field.length > this.maxRecordLength) {
        throw this.error(lineNumber, `a field longer than ${this.maxRecordLength.toLocaleString("en-US")} characters`);
      }
    }
    if (this.inQuotes) return null;
    this.pending.push(this.field);
    const fields = this.pending;
    this.pending = [];
    this.field = "";
    return { fields, line: this.startLine };
  }

  /** Call at the end of the input: refuses a quoted field that never closed. */
  end(): void {
    if (this.inQuotes) throw this.error(this.startLine, "a quoted field that is never closed");
  }

  private error(line: number, what: string): InputError {
    return new InputError(`line ${line}: ${what}`, { location: this.location });
  }
}
