import { schemeOfType } from "../ecosystems/ecosystems.js";
import { InputError } from "../errors/app-error.js";
import { nativeVersion } from "../purl/distro.js";
import type { PackageUrl } from "../purl/purl.js";
import type { ComponentInput } from "./component-planner.js";
import { abbreviate } from "./limits.js";

/** Something an import accepted but the user should know about, said against a record. */
export interface ImportWarning {
  /** The file and record (`sbom.json: components[3] (bom-ref "x")`). */
  readonly location: string;
  readonly message: string;
}

/** One component entry as a format parser read it, before duplicates are collapsed. */
export interface ComponentEntry {
  readonly name: string;
  /** The version the document states in its own field, if any. */
  readonly declaredVersion: string | null;
  readonly type: string | null;
  /** The parsed PURL, or null. */
  readonly purl: PackageUrl | null;
  /** Its canonical form (formatPackageUrl), which the parser has at hand. */
  readonly canonicalPurl: string | null;
  readonly cpe: string | null;
  /** The document's own reference to the entry (CycloneDX `bom-ref`), or null. */
  readonly ref: string | null;
}

/** An import's components: one per distinct component, with how many entries each stood for. */
export interface CollectedComponents {
  readonly components: readonly ComponentInput[];
  /** Component entries in the document (the sum of the components' occurrences). */
  readonly entries: number;
  readonly warnings: readonly ImportWarning[];
}

/** True when the type's version scheme reads both strings and orders them as equal. */
function equalUnderScheme(type: string, a: string, b: string): boolean {
  const scheme = schemeOfType(type);
  if (!scheme) return false;
  try {
    return scheme.compare(scheme.parse(a), scheme.parse(b)) === 0;
  } catch (error) {
    // A version its scheme does not read is compared as text by the caller; anything else is a bug.
    if (error instanceof InputError) return false;
    throw error;
  }
}

/**
 * The version matching uses and, when the document's own version field says otherwise, the
 * conflict (docs/adr/0023): a PURL's version wins, as the package manager spells it (`nativeVersion`
 * folds rpm's `epoch` qualifier in), because the PURL is the identifier matching keys the package
 * by; a version field that its scheme orders equal (`v1.2.3` and `1.2.3` under one scheme) is no
 * conflict. Without a PURL version the version field is all there is.
 */
export function resolveComponentVersion(
  declared: string | null,
  purl: PackageUrl | null,
): { readonly version: string | null; readonly conflict: string | null } {
  const fromPurl = purl ? nativeVersion(purl) : null;
  const stated = declared === "" ? null : declared;
  if (fromPurl === null) return { version: stated, conflict: null };
  if (stated === null || stated === fromPurl || (purl && equalUnderScheme(purl.type, stated, fromPurl))) {
    return { version: fromPurl, conflict: null };
  }
  return {
    version: fromPurl,
    conflict: `version "${abbreviate(stated)}" disagrees with the PURL's version "${abbreviate(fromPurl)}"`,
  };
}

interface Row {
  name: string;
  version: string | null;
  type: string | null;
  purl: string | null;
  cpe: string | null;
  bomRef: string | null;
  occurrences: number;
  identityConflict: string | null;
}

/**
 * Gathers an import's component entries into one row per distinct component (docs/adr/0023):
 * entries equal in every fact but their reference are one component seen `occurrences` times (an
 * SBOM that lists a package a million times stores one row, and a match run evaluates it once);
 * the first entry's reference is kept. A reference that names two different components is
 * refused, because anything that points at it (a VEX statement) would be ambiguous.
 */
export class ComponentCollector {
  private readonly rows: Row[] = [];
  /** Where each row's first entry is, for warnings. */
  private readonly paths: string[] = [];
  private readonly byFacts = new Map<string, number>();
  private readonly byRef = new Map<string, number>();
  private entries = 0;

  /**
   * `location` names the document (a file path, `request body`); `refField` is what the format
   * calls an entry's reference.
   */
  constructor(
    private readonly location: string,
    private readonly refField = "bom-ref",
  ) {}

  /** Add one entry; `path` names it in the document (`components[0].components[3]`). */
  add(entry: ComponentEntry, path: string): void {
    this.entries++;
    const { version, conflict } = resolveComponentVersion(entry.declaredVersion, entry.purl);
    const purl = entry.canonicalPurl;
    const facts = JSON.stringify([purl, entry.name, version, conflict, entry.type, entry.cpe]);
    const byRef = entry.ref === null ? undefined : this.byRef.get(entry.ref);
    const same = this.byFacts.get(facts);
    if (byRef !== undefined && byRef !== same) {
      throw new InputError(
        `"${abbreviate(entry.ref ?? "")}" already names ${this.paths[byRef]}, a different component; a ${this.refField} must name one component within a document`,
        { location: `${this.location}: ${path}.${this.refField}` },
      );
    }
    if (same !== undefined) {
      const row = this.rows[same] as Row;
      row.occurrences++;
      if (entry.ref !== null) this.byRef.set(entry.ref, same);
      return;
    }
    const index = this.rows.length;
    this.rows.push({
      name: entry.name,
      version,
      type: entry.type,
      purl,
      cpe: entry.cpe,
      bomRef: entry.ref,
      occurrences: 1,
      identityConflict: conflict,
    });
    this.paths.push(path);
    this.byFacts.set(facts, index);
    if (entry.ref !== null) this.byRef.set(entry.ref, index);
  }

  /** The distinct components, the entry count and a warning per component whose identity conflicts. */
  result(): CollectedComponents {
    const warnings: ImportWarning[] = [];
    this.rows.forEach((row, index) => {
      if (row.identityConflict === null) return;
      const ref = row.bomRef === null ? "" : ` (${this.refField} "${abbreviate(row.bomRef)}")`;
      warnings.push({
        location: `${this.location}: ${this.paths[index]}${ref}`,
        message: `${row.identityConflict}; matching uses the PURL's`,
      });
    });
    return { components: this.rows, entries: this.entries, warnings };
  }
}
