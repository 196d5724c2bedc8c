import { InputError } from "../errors/app-error.js";
import { characterProblem, count, kindOf } from "./field-rules.js";
import { escapeControlCharacters } from "./json-input.js";

/*
 * Readers of one field of a parsed feed record, for the hot paths of feed imports (NVD's 400,000
 * records): plain checks instead of a schema library, and the field's path only built into a
 * message when something is wrong. Errors name the location, the record and the JSON path.
 */

/** Where a record is: the file and `CVE_Items[12] (CVE-2014-0160)`, for errors. */
export interface RecordPlace {
  readonly location: string;
  /** The record's path in the document (`CVE_Items[12]`); field paths start with it. */
  readonly path: string;
  /** How messages name it: the path and, once read, the id. */
  readonly record: string;
}

/** `CVE_Items[12] (CVE-2014-0160): configurations.nodes[0].operator is "XOR"; …`. */
export function fieldError(place: RecordPlace, path: string, problem: string): InputError {
  const field = path.startsWith(`${place.path}.`) ? path.slice(place.path.length + 1) : path;
  return new InputError(`${place.record}: ${escapeControlCharacters(field)} ${problem}`, { location: place.location });
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** An object field, or undefined when absent (null counts as absent: NVD writes both). */
export function optionalObject(
  parent: Record<string, unknown>,
  key: string,
  place: RecordPlace,
  path: string,
): Record<string, unknown> | undefined {
  const value = parent[key];
  if (value === undefined || value === null) return undefined;
  if (!isObject(value)) throw fieldError(place, `${path}.${key}`, `must be an object, not ${kindOf(value)}`);
  return value;
}

/** An array field, empty when absent; refused past `maxItems`. */
export function optionalArray(
  parent: Record<string, unknown>,
  key: string,
  place: RecordPlace,
  path: string,
  maxItems: number,
): readonly unknown[] {
  const value = parent[key];
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw fieldError(place, `${path}.${key}`, `must be an array, not ${kindOf(value)}`);
  if (value.length > maxItems) {
    throw fieldError(place, `${path}.${key}`, `holds ${count(value.length)} entries; the limit is ${count(maxItems)}`);
  }
  return value;
}

/** An element of an array that must be an object. */
export function objectItem(item: unknown, place: RecordPlace, path: string): Record<string, unknown> {
  if (!isObject(item)) throw fieldError(place, path, `must be an object, not ${kindOf(item)}`);
  return item;
}

/** A string field: checked for length and characters (prose may break lines); undefined when absent. */
export function optionalString(
  parent: Record<string, unknown>,
  key: string,
  place: RecordPlace,
  path: string,
  maxLength: number,
  prose = false,
): string | undefined {
  const value = parent[key];
  if (value === undefined || value === null) return undefined;
  return checkedString(value, place, `${path}.${key}`, maxLength, prose);
}

export function requiredString(
  parent: Record<string, unknown>,
  key: string,
  place: RecordPlace,
  path: string,
  maxLength: number,
  prose = false,
): string {
  const value = optionalString(parent, key, place, path, maxLength, prose);
  if (value === undefined) throw fieldError(place, `${path}.${key}`, "is missing");
  return value;
}

export function checkedString(value: unknown, place: RecordPlace, path: string, maxLength: number, prose: boolean) {
  if (typeof value !== "string") throw fieldError(place, path, `must be a string, not ${kindOf(value)}`);
  if (value.length > maxLength) {
    throw fieldError(place, path, `is ${count(value.length)} characters long; the limit is ${count(maxLength)}`);
  }
  const problem = characterProblem(value, prose);
  if (problem) throw fieldError(place, path, problem);
  return value;
}

export function optionalBoolean(
  parent: Record<string, unknown>,
  key: string,
  place: RecordPlace,
  path: string,
): boolean | undefined {
  const value = parent[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "boolean")
    throw fieldError(place, `${path}.${key}`, `must be true or false, not ${kindOf(value)}`);
  return value;
}

export function optionalNumber(
  parent: Record<string, unknown>,
  key: string,
  place: RecordPlace,
  path: string,
): number | undefined {
  const value = parent[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "number" || !Number.isFinite(value)) {
    throw fieldError(place, `${path}.${key}`, `must be a number, not ${kindOf(value)}`);
  }
  return value;
}

const FEED_INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|z|[+-]\d{2}:?\d{2})?$/;
const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * A feed timestamp as `YYYY-MM-DDTHH:MM:SS.sssZ`. NVD writes UTC without a designator in API 2.0
 * (`2023-08-11T14:15:12.667`) and to the minute in the 1.1 feeds (`2014-04-07T22:55Z`); CVE JSON 5
 * records use both and offsets. Without a zone the time is UTC (as NVD's documentation says);
 * one fixed width makes text order time order, so revisions compare as strings.
 */
export function feedInstant(value: string, place: RecordPlace, path: string): string {
  const match = FEED_INSTANT.exec(value);
  if (!match)
    throw fieldError(
      place,
      path,
      `is ${JSON.stringify(value.slice(0, 64))}, not a timestamp (2023-08-11T14:15:12.667Z)`,
    );
  const [, year, month, day, hour, minute, second = "00", fraction = "", zone = "Z"] = match as unknown as string[];
  const m = Number(month);
  const d = Number(day);
  const y = Number(year);
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  if (
    m < 1 ||
    m > 12 ||
    d < 1 ||
    d > (m === 2 && !leap ? 28 : (DAYS_IN_MONTH[m - 1] as number)) ||
    Number(hour) > 23 ||
    Number(minute) > 59 ||
    Number(second) > 59
  ) {
    throw fieldError(place, path, `is ${JSON.stringify(value)}, which is no date and time`);
  }
  const millis = fraction.length === 3 ? fraction : fraction.padEnd(3, "0").slice(0, 3);
  if (zone === "Z" || zone === "z" || /^[+-]00:?00$/.test(zone))
    return `${year}-${month}-${day}T${hour}:${minute}:${second}.${millis}Z`;
  return new Date(
    `${year}-${month}-${day}T${hour}:${minute}:${second}.${millis}${zone.length === 5 ? `${zone.slice(0, 3)}:${zone.slice(3)}` : zone}`,
  ).toISOString();
}

/** NVD's timestamps (see feedInstant). */
export const nvdInstant = feedInstant;
