import { bindToFormattedString } from "./binding.js";
import { countEscapes, hasUnquotedWildcard, isQuotedAt } from "./escapes.js";
import { CpeError, isCpeAny, isCpeNa, WFN_ATTRIBUTES, type Wfn, type WfnAttribute, type WfnValue } from "./wfn.js";

/**
 * Name matching after NISTIR 7696. The source is the pattern (an advisory's CPE, may hold
 * wildcards); the target is the thing tested (an inventory CPE, must not hold wildcards).
 */

/** How one source attribute relates to the target's (NISTIR 7696 Table 6-2). */
export type CpeAttributeRelation = "EQUAL" | "SUPERSET" | "SUBSET" | "DISJOINT" | "UNDEFINED";

/** How two whole names relate (NISTIR 7696 §6.2); UNDEFINED when no single relation holds. */
export type CpeNameRelation = "EQUAL" | "SUPERSET" | "SUBSET" | "DISJOINT" | "UNDEFINED";

/** Compare one attribute value of the source with the target's. */
export function compareCpeAttribute(source: WfnValue, target: WfnValue): CpeAttributeRelation {
  // §6.1: string comparison ignores case.
  const s = typeof source === "string" ? source.toLowerCase() : source;
  const t = typeof target === "string" ? target.toLowerCase() : target;
  if (typeof t === "string" && hasUnquotedWildcard(t)) return "UNDEFINED";
  if (typeof s === "string" ? s === t : typeof t !== "string" && s.logical === t.logical) return "EQUAL";
  if (isCpeAny(s)) return "SUPERSET";
  if (isCpeAny(t)) return "SUBSET";
  if (isCpeNa(s) || isCpeNa(t)) return "DISJOINT";
  return compareStrings(s as string, t as string);
}

/** The attribute-by-attribute relations of two WFNs. */
export function compareWfns(source: Wfn, target: Wfn): Record<WfnAttribute, CpeAttributeRelation> {
  const relations = {} as Record<WfnAttribute, CpeAttributeRelation>;
  for (const attribute of WFN_ATTRIBUTES)
    relations[attribute] = compareCpeAttribute(source[attribute], target[attribute]);
  return relations;
}

/** True when source and target share no instance (some attribute is DISJOINT). */
export function isCpeDisjoint(source: Wfn, target: Wfn): boolean {
  return Object.values(compareWfns(source, target)).includes("DISJOINT");
}

/** True when every attribute is EQUAL. */
export function isCpeEqual(source: Wfn, target: Wfn): boolean {
  return Object.values(compareWfns(source, target)).every((relation) => relation === "EQUAL");
}

/** True when the source names a subset of the target (every attribute SUBSET or EQUAL). */
export function isCpeSubset(source: Wfn, target: Wfn): boolean {
  return Object.values(compareWfns(source, target)).every((relation) => relation === "SUBSET" || relation === "EQUAL");
}

/** True when the source names a superset of the target (every attribute SUPERSET or EQUAL). */
export function isCpeSuperset(source: Wfn, target: Wfn): boolean {
  return Object.values(compareWfns(source, target)).every(
    (relation) => relation === "SUPERSET" || relation === "EQUAL",
  );
}

/** The single name relation that holds, checked in the order DISJOINT, EQUAL, SUPERSET, SUBSET. */
export function cpeNameRelation(source: Wfn, target: Wfn): CpeNameRelation {
  const relations = Object.values(compareWfns(source, target));
  if (relations.includes("DISJOINT")) return "DISJOINT";
  if (relations.every((relation) => relation === "EQUAL")) return "EQUAL";
  if (relations.every((relation) => relation === "SUPERSET" || relation === "EQUAL")) return "SUPERSET";
  if (relations.every((relation) => relation === "SUBSET" || relation === "EQUAL")) return "SUBSET";
  return "UNDEFINED";
}

/** Two names whose match would rest on one side's wildcard vendor and the other's wildcard product. */
export class AmbiguousCpeMatchError extends CpeError {
  constructor(source: Wfn, target: Wfn) {
    super(
      bindToFormattedString(source),
      `matching against ${bindToFormattedString(target)} is ambiguous: one name leaves the vendor open and the other the product`,
    );
  }
}

/**
 * True when one name wildcards the vendor and the other the product. Such a pair is never
 * DISJOINT on those two attributes, yet nothing says the names mean the same software: it is how
 * `cpe:2.3:a:*:openssl:…` ends up "matching" `cpe:2.3:a:openssl_project:*:…`.
 */
export function isAmbiguousMatch(source: Wfn, target: Wfn): boolean {
  const open = (value: WfnValue) => isCpeAny(value) || (typeof value === "string" && hasUnquotedWildcard(value));
  return (open(source.vendor) && open(target.product)) || (open(source.product) && open(target.vendor));
}

/** Throw AmbiguousCpeMatchError when `isAmbiguousMatch` holds. */
export function assertUnambiguousMatch(source: Wfn, target: Wfn): void {
  if (isAmbiguousMatch(source, target)) throw new AmbiguousCpeMatchError(source, target);
}

/**
 * Does the source (e.g. an advisory's CPE) cover the target (e.g. a device's CPE)? True for
 * SUPERSET or EQUAL. Refuses, with AmbiguousCpeMatchError, pairs whose vendor and product are
 * left open on opposite sides, because the answer would be a guess.
 */
export function cpeMatches(source: Wfn, target: Wfn): boolean {
  assertUnambiguousMatch(source, target);
  return isCpeSuperset(source, target);
}

/**
 * §6.1.2 compare_strings: the source may start with `*` or a run of `?` and end likewise; find
 * its literal middle in the target with the leading and trailing characters the wildcards allow.
 */
function compareStrings(source: string, target: string): CpeAttributeRelation {
  let start = 0;
  let end = source.length;
  let begins = 0;
  let ends = 0;
  if (source[0] === "*") {
    start = 1;
    begins = -1;
  } else {
    while (start < source.length && source[start] === "?") {
      start++;
      begins++;
    }
  }
  if (source[end - 1] === "*" && !isQuotedAt(source, end - 1)) {
    end--;
    ends = -1;
  } else {
    while (end > start && source[end - 1] === "?" && !isQuotedAt(source, end - 1)) {
      end--;
      ends++;
    }
  }
  const middle = source.slice(start, end);
  let index = -1;
  let leftover = target.length;
  while (leftover > 0) {
    index = target.indexOf(middle, index + 1);
    if (index === -1) break;
    const escapesBefore = countEscapes(target, 0, index);
    if (index > 0 && begins !== -1 && begins < index - escapesBefore) break;
    // Characters the target has past the match, counting each `\x` once. NISTIR 7696 counts
    // escapes from index + 1, which subtracts those inside the match twice and lets `1\.?` cover
    // `1\.10`; counting after the match keeps every published vector and fixes that case.
    const after = index + middle.length;
    leftover = target.length - after - countEscapes(target, after, target.length);
    if (leftover > 0 && ends !== -1 && leftover > ends) continue;
    return "SUPERSET";
  }
  return "DISJOINT";
}
