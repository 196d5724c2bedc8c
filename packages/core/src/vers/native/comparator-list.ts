import { NativeRangeError } from "../vers-errors.js";
import type { Vers, VersComparator, VersConstraint } from "../vers-types.js";
import { versFromAlternatives } from "./interval-union.js";

/**
 * Ecosystems whose ranges are lists of `<op><version>` terms — RubyGems, PyPI, Composer, Go (as
 * GitLab and GitHub advisories write it) — share one tokenizer; only the operators, the version
 * clean-up and the "pessimistic" operators (`~>`, `~=`, `^`, `~`) differ, and those are per-type.
 */

/**
 * Turns a non-comparison operator term (e.g. `~>2.0.8`) into plain constraints. It gets the version
 * as written, because the bound depends on how many segments were written (`~1.2` ≠ `~1.2.0` in
 * Composer), and the dialect's clean-up for versions it copies through.
 */
type Expansion = (version: string, clean: (version: string) => string) => VersConstraint[];

/** How one ecosystem writes its comparator lists. */
export interface ComparatorListDialect {
  readonly versType: string;
  /** Native operator to vers comparator. */
  readonly comparators: Readonly<Record<string, VersComparator>>;
  /** Operators that expand to several constraints. */
  readonly expansions: Readonly<Record<string, Expansion>>;
  /** Clean a native version into the spelling vers uses (drop a `v`, pad, normalise). */
  readonly cleanVersion: (version: string) => string;
  /** Terms within one alternative are separated by commas, or also by whitespace. */
  readonly termSeparator: RegExp;
}

const ALTERNATIVES = /\|\|/;

/** Split `1.2.3` into numeric release segments and whatever follows. */
function releaseSegments(version: string): { readonly numbers: number[]; readonly rest: string } {
  const release = /^\d+(?:\.\d+)*/.exec(version)?.[0] ?? "";
  return {
    numbers: release === "" ? [] : release.split(".").map(Number),
    rest: version.slice(release.length),
  };
}

/**
 * The exclusive upper bound of a "compatible" operator: keep `keep` leading release segments,
 * increment the last kept one (`~>2.0.8` keeps 2 → `2.1`; `^1.2.3` keeps 1 → `2`).
 */
export function bumpRelease(version: string, keep: number): string {
  const { numbers } = releaseSegments(version);
  const kept = numbers.slice(0, Math.max(1, Math.min(keep, numbers.length)));
  const last = kept.length - 1;
  kept[last] = (kept[last] ?? 0) + 1;
  return kept.join(".");
}

/**
 * Pad a partial numeric version (`1`, `1.2`) to `1.0.0` / `1.2.0`, as advisories mean it. Anything
 * else is left alone for the scheme to accept or refuse: turning a date tag like `2021-10-10` into
 * `2021.0.0-10-10` (as univers does) would invent an order the ecosystem never had.
 */
export function padToThree(version: string): string {
  const { numbers, rest } = releaseSegments(version);
  if (rest !== "" || numbers.length === 0 || numbers.length >= 3) return version;
  return [...numbers, 0, 0].slice(0, 3).join(".");
}

/** Index of the first non-zero release segment, as caret ranges use it (`^0.2.3` keeps `0.2`). */
function caretKeep(version: string): number {
  const { numbers } = releaseSegments(version);
  const firstNonZero = numbers.findIndex((segment) => segment !== 0);
  return firstNonZero < 0 ? numbers.length : firstNonZero + 1;
}

/** `~>` (RubyGems), `~=` (PyPI): allow later releases that keep all but the last given segment. */
export function pessimistic(upperSuffix = ""): Expansion {
  return (version, clean) => [
    { comparator: ">=", version: clean(version) },
    { comparator: "<", version: `${bumpRelease(version, releaseSegments(version).numbers.length - 1)}${upperSuffix}` },
  ];
}

/** Composer `^`: same major (or first non-zero segment), at least this version. */
const composerCaret: Expansion = (version, clean) => [
  { comparator: ">=", version: clean(version) },
  { comparator: "<", version: padToThree(bumpRelease(withoutV(version), caretKeep(withoutV(version)))) },
];

/** Composer `~`: `~1.2` allows 1.x from 1.2; `~1.2.3` allows 1.2.x from 1.2.3. */
const composerTilde: Expansion = (version, clean) => [
  { comparator: ">=", version: clean(version) },
  {
    comparator: "<",
    version: padToThree(bumpRelease(withoutV(version), releaseSegments(withoutV(version)).numbers.length - 1)),
  },
];

const COMMON: Readonly<Record<string, VersComparator>> = {
  "==": "=",
  "=": "=",
  "!=": "!=",
  "<=": "<=",
  ">=": ">=",
  "<": "<",
  ">": ">",
};

/** Drop a single leading `v`/`V` (Go tags, some Composer tags). */
function withoutV(version: string): string {
  return /^[vV]\d/.test(version) ? version.slice(1) : version;
}

/** RubyGems requirements (`~> 2.0.8`, `>= 1, < 3`), also in GitLab's `||` form. */
export const GEM_DIALECT: ComparatorListDialect = {
  versType: "gem",
  comparators: COMMON,
  expansions: { "~>": pessimistic() },
  cleanVersion: (version) => version,
  termSeparator: /[\s,]+/,
};

/** Composer constraints (`^1.2`, `>=2.2.0,<2.6.2 || 3.0.*`). */
export const COMPOSER_DIALECT: ComparatorListDialect = {
  versType: "composer",
  comparators: { ...COMMON, "<>": "!=" },
  expansions: { "^": composerCaret, "~": composerTilde },
  cleanVersion: (version) => padToThree(withoutV(version)),
  termSeparator: /[\s,]+/,
};

/** Go module ranges as advisories write them (`>=v1.3.0 <v1.3.2 || =v1.4.0`); Go versions are full SemVer. */
export const GOLANG_DIALECT: ComparatorListDialect = {
  versType: "golang",
  comparators: COMMON,
  expansions: {},
  cleanVersion: (version) => padToThree(withoutV(version)),
  termSeparator: /[\s,]+/,
};

/**
 * Conan 2 version ranges (`>1 <2.0 || ^3.2`, `~2.5`, `[...]` brackets optional). A trailing `-`
 * on an operand only asks Conan to admit pre-releases, so it is dropped from the version; upper
 * bounds of `~` and `^` get `-`, Conan's lowest pre-release, so pre-releases of the bound stay out.
 */
export const CONAN_DIALECT: ComparatorListDialect = {
  versType: "conan",
  comparators: { "=": "=", "!=": "!=", "<=": "<=", ">=": ">=", "<": "<", ">": ">" },
  expansions: {
    // Conan's tilde pins the minor (`~2.5.1` and `~2.5` both stop at 2.6), or the major for `~1`.
    "~": (version, clean) => [
      { comparator: ">=", version: clean(version) },
      { comparator: "<", version: `${bumpRelease(version, 2)}-` },
    ],
    "^": (version, clean) => [
      { comparator: ">=", version: clean(version) },
      { comparator: "<", version: `${bumpRelease(version, caretKeep(version))}-` },
    ],
  },
  cleanVersion: (version) => (version.length > 1 && version.endsWith("-") ? version.slice(0, -1) : version),
  termSeparator: /\s+/,
};

/**
 * Debian relations (`>= 1:1.1.4`, `(<< 2.24)`, comma-separated). Policy §7.1 reads the deprecated
 * `<` and `>` as `<=` and `>=`, not as strict comparisons, so they are mapped that way.
 */
export const DEB_DIALECT: ComparatorListDialect = {
  versType: "deb",
  comparators: { "<<": "<", ">>": ">", "<=": "<=", ">=": ">=", "=": "=", "<": "<=", ">": ">=" },
  expansions: {},
  cleanVersion: (version) => version,
  termSeparator: /\s*,\s*/,
};

/** RPM dependency versions (`>= 1:2.3-4`, comma-separated), including the rarely seen `!=`/`<>`. */
export const RPM_DIALECT: ComparatorListDialect = {
  versType: "rpm",
  comparators: { ...COMMON, "<>": "!=" },
  expansions: {},
  cleanVersion: (version) => version,
  termSeparator: /\s*,\s*/,
};

/** Python's PEP 440 ordering places `X.dev0` before every other release of X, so it is the floor of "X.*". */
const pep440Wildcard = (version: string): VersConstraint[] | undefined => {
  if (!version.endsWith(".*")) return undefined;
  const prefix = version.slice(0, -2);
  return [
    { comparator: ">=", version: `${prefix}.dev0` },
    { comparator: "<", version: `${bumpRelease(prefix, releaseSegments(prefix).numbers.length)}.dev0` },
  ];
};

/** Term → constraints for one dialect; undefined when the term is not understood. */
function readTerm(
  dialect: ComparatorListDialect,
  term: string,
  clean: (version: string) => string,
): VersConstraint[] | undefined {
  const expansion = Object.keys(dialect.expansions)
    .sort((a, b) => b.length - a.length)
    .find(
      (operator) =>
        term.startsWith(operator) && !Object.hasOwn(dialect.comparators, term.slice(0, operator.length + 1)),
    );
  if (expansion !== undefined) {
    const version = term.slice(expansion.length).trim();
    return dialect.expansions[expansion]?.(version, clean);
  }
  const operator =
    Object.keys(dialect.comparators)
      .sort((a, b) => b.length - a.length)
      .find((candidate) => term.startsWith(candidate)) ?? "";
  const version = term.slice(operator.length).trim();
  if (version === "" || /[<>=!~^]/.test(version.charAt(0))) return undefined;
  if (version === "*") return [];
  const comparator = operator === "" ? "=" : dialect.comparators[operator];
  if (comparator === undefined) return undefined;
  if (dialect.versType === "pypi" && comparator === "=") {
    const wildcard = pep440Wildcard(version);
    if (wildcard) return wildcard.map((constraint) => ({ ...constraint, version: clean(constraint.version) }));
  }
  return [{ comparator, version: clean(version) }];
}

/** Drop Debian's parentheses and glue an operator written apart from its version (`>= 1.0`) onto it. */
function joinOperators(alternative: string): string {
  return alternative.replace(/[()]/g, " ").replace(/(~>|~=|===|==|!=|<>|<<|>>|<=|>=|[<>=^~])\s+/g, "$1");
}

/** Convert a comparator-list range in the given dialect to a canonical vers. */
export function versFromComparatorList(
  dialect: ComparatorListDialect,
  range: string,
  clean = dialect.cleanVersion,
): Vers {
  // GitLab advisories sometimes end with a stray `||`; read literally, that empty alternative would
  // widen the range to every version, so blank alternatives are dropped (a lone `*` still means all).
  const written = range.split(ALTERNATIVES).filter((alternative) => alternative.trim().length > 0);
  if (written.length === 0) throw new NativeRangeError(dialect.versType, range, "empty range");
  const alternatives = written.map((alternative) => {
    const terms = joinOperators(alternative.trim())
      .split(dialect.termSeparator)
      .map((term) => term.trim())
      .filter((term) => term.length > 0);
    return terms.flatMap((term) => {
      const constraints = readTerm(dialect, term, clean);
      if (constraints === undefined) throw new NativeRangeError(dialect.versType, range, `cannot read "${term}"`);
      return constraints;
    });
  });
  return versFromAlternatives(dialect.versType, alternatives, range);
}
