import { InputError } from "../errors/app-error.js";
import { isWordChar } from "./escapes.js";

/** A CPE name that cannot be parsed, bound or built; `cpe` holds the offending input. */
export class CpeError extends InputError {
  readonly cpe: string;
  readonly reason: string;

  constructor(cpe: string, reason: string, options?: { location?: string; cause?: unknown }) {
    super(`invalid CPE "${cpe}": ${reason}`, options);
    this.cpe = cpe;
    this.reason = reason;
  }
}

/**
 * The logical values of NISTIR 7695 §5.3.1. They are objects, not strings, because "ANY" and "NA"
 * are themselves legal WFN string values; a tag survives JSON round trips where a symbol would not.
 */
export interface LogicalValue {
  readonly logical: "ANY" | "NA";
}

/** Logical ANY: any value, bound as `*` (formatted string) or an empty component (URI). */
export const CPE_ANY: LogicalValue = Object.freeze({ logical: "ANY" });
/** Logical NA: not applicable, bound as `-`. */
export const CPE_NA: LogicalValue = Object.freeze({ logical: "NA" });

/** One WFN attribute value: a quoted WFN string (e.g. `8\.0\.6001`) or a logical value. */
export type WfnValue = string | LogicalValue;

/** WFN attributes in the order NISTIR 7695 lists them. */
export const WFN_ATTRIBUTES = [
  "part",
  "vendor",
  "product",
  "version",
  "update",
  "edition",
  "language",
  "sw_edition",
  "target_sw",
  "target_hw",
  "other",
] as const;

/** The name of one WFN attribute. */
export type WfnAttribute = (typeof WFN_ATTRIBUTES)[number];

/** A well-formed CPE name (NISTIR 7695 §5): every attribute present, ANY where unspecified. */
export type Wfn = { readonly [Attribute in WfnAttribute]: WfnValue };

/** True for the logical value ANY. */
export function isCpeAny(value: WfnValue): value is LogicalValue {
  return typeof value !== "string" && value.logical === "ANY";
}

/** True for the logical value NA. */
export function isCpeNa(value: WfnValue): value is LogicalValue {
  return typeof value !== "string" && value.logical === "NA";
}

/**
 * Check a WFN string value against NISTIR 7695 §5.3.2 and return it: letters, digits and `_`
 * bare, anything else quoted with `\`; an unquoted `*` (one) or `?` run only at either end; not
 * empty, not a lone `*` (that is ANY) and not a lone `\-` (it would bind to NA's `-`).
 */
export function validateWfnString(value: string, attribute = "value"): string {
  const fail = (reason: string): never => {
    throw new CpeError(value, `${attribute}: ${reason}`);
  };
  if (value === "") fail("empty string (use ANY)");
  if (value === "\\-") fail('a lone quoted hyphen is not a value (use NA for "-")');
  let index = 0;
  if (value[0] === "*") index = 1;
  else while (value[index] === "?") index++;
  const bodyStart = index;
  while (index < value.length) {
    const char = value[index] ?? "";
    if (isWordChar(char)) index++;
    else if (char === "\\") {
      const quoted = value[index + 1];
      if (quoted === undefined || !isPrintable(quoted)) fail(`dangling or unprintable quote at ${index}`);
      index += 2;
    } else if (char === "*" || char === "?") break;
    else fail(`character "${char}" at ${index} must be quoted`);
  }
  const bodyEnd = index;
  const tail = value.slice(bodyEnd);
  if (tail !== "" && tail !== "*" && !/^\?+$/.test(tail)) fail(`unquoted "${tail[0]}" inside the value`);
  // Only a run of `?` may stand without a body: `*`, `*?` or `?*` say nothing ANY would not.
  if (bodyEnd === bodyStart && !/^\?+$/.test(value)) fail("wildcards without any literal characters");
  return value;
}

/**
 * Build a WFN from untrusted attribute/value pairs: unknown attribute names, non-string values and
 * invalid strings are refused; absent, null and undefined attributes become ANY.
 */
export function createWfn(values: Readonly<Record<string, unknown>>): Wfn {
  const wfn: Record<string, WfnValue> = {};
  for (const attribute of WFN_ATTRIBUTES) wfn[attribute] = CPE_ANY;
  for (const [attribute, value] of Object.entries(values)) {
    if (!isWfnAttribute(attribute)) throw new CpeError(attribute, "not a WFN attribute");
    wfn[attribute] = checkValue(attribute, value);
  }
  return wfn as Wfn;
}

/** A copy of `wfn` with one attribute replaced, validated as `createWfn` does. */
export function withWfnAttribute(wfn: Wfn, attribute: string, value: unknown): Wfn {
  return createWfn({ ...wfn, [attribute]: value });
}

/** True when `name` is one of the eleven WFN attributes. */
export function isWfnAttribute(name: string): name is WfnAttribute {
  return (WFN_ATTRIBUTES as readonly string[]).includes(name);
}

/**
 * The NISTIR 7695 §5.4 text form, every attribute listed (`wfn:[part="a", vendor=ANY, …]`), for
 * logs and error messages; the spec allows ANY attributes to be written out explicitly.
 */
export function formatWfn(wfn: Wfn): string {
  const pairs = WFN_ATTRIBUTES.map((attribute) => {
    const value = wfn[attribute];
    return `${attribute}=${typeof value === "string" ? `"${value}"` : value.logical}`;
  });
  return `wfn:[${pairs.join(", ")}]`;
}

function checkValue(attribute: WfnAttribute, value: unknown): WfnValue {
  if (value === null || value === undefined) return CPE_ANY;
  if (typeof value === "object" && isLogicalObject(value)) {
    if (attribute === "part" && value.logical === "NA") throw new CpeError("NA", "part cannot be NA");
    return value.logical === "ANY" ? CPE_ANY : CPE_NA;
  }
  if (typeof value !== "string") throw new CpeError(String(value), `${attribute}: not a string or logical value`);
  if (attribute === "part" && !/^[aho]$/.test(value)) throw new CpeError(value, 'part must be "a", "o" or "h"');
  return validateWfnString(value, attribute);
}

function isLogicalObject(value: object): value is LogicalValue {
  const logical = (value as { logical?: unknown }).logical;
  return logical === "ANY" || logical === "NA";
}

function isPrintable(char: string): boolean {
  const code = char.charCodeAt(0);
  return code > 0x20 && code < 0x7f;
}
