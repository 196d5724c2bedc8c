import { isWordChar, splitUnquoted } from "./escapes.js";
import {
  CPE_ANY,
  CPE_NA,
  CpeError,
  createWfn,
  isCpeAny,
  isCpeNa,
  WFN_ATTRIBUTES,
  type Wfn,
  type WfnValue,
} from "./wfn.js";

/*
 * Binding and unbinding between WFNs and their two string forms, after NISTIR 7695 §6.1 (the
 * CPE 2.2 URI) and §6.2 (the CPE 2.3 formatted string). Unbinding validates every value through
 * `createWfn`, so whatever these functions return is a valid WFN.
 */

const FS_PREFIX = "cpe:2.3:";
const URI_PREFIX = "cpe:/";

/** Attributes in formatted-string order (language sits before sw_edition, as in the WFN list). */
const FS_ORDER = WFN_ATTRIBUTES;

/** Bind a WFN to a CPE 2.3 formatted string (`cpe:2.3:a:vendor:product:…`, 11 components). */
export function bindToFormattedString(wfn: Wfn): string {
  return FS_PREFIX + FS_ORDER.map((attribute) => bindValueForFs(wfn[attribute])).join(":");
}

/** Unbind a CPE 2.3 formatted string to a WFN, or throw CpeError naming the first problem. */
export function unbindFormattedString(fs: string): Wfn {
  if (!fs.startsWith(FS_PREFIX)) throw new CpeError(fs, `a formatted string starts with "${FS_PREFIX}"`);
  const components = splitUnquoted(fs.slice(FS_PREFIX.length), ":");
  if (components.length !== FS_ORDER.length) {
    throw new CpeError(fs, `expected ${FS_ORDER.length} components, found ${components.length}`);
  }
  const values: Record<string, WfnValue> = {};
  FS_ORDER.forEach((attribute, index) => {
    values[attribute] = unbindValueFromFs(fs, components[index] ?? "");
  });
  return wrapped(fs, () => createWfn(values));
}

/** Bind a WFN to a CPE 2.2 URI (`cpe:/a:vendor:product:…`), packing the 2.3-only attributes into edition. */
export function bindToUri(wfn: Wfn): string {
  const components = (["part", "vendor", "product", "version", "update"] as const).map((attribute) =>
    bindValueForUri(wfn[attribute]),
  );
  const extended = [wfn.sw_edition, wfn.target_sw, wfn.target_hw, wfn.other];
  // §6.1.2.3: the four 2.3-only attributes ride in edition as `~edition~sw_edition~target_sw~target_hw~other`.
  const edition = extended.every(isCpeAny)
    ? bindValueForUri(wfn.edition)
    : `~${[wfn.edition, ...extended].map(bindValueForUri).join("~")}`;
  components.push(edition, bindValueForUri(wfn.language));
  let uri = `${URI_PREFIX}${components.join(":")}`;
  // Trailing ANY components are dropped: `cpe:/a:microsoft` rather than `cpe:/a:microsoft::::::`.
  while (uri.endsWith(":")) uri = uri.slice(0, -1);
  return uri;
}

/** Unbind a CPE 2.2 URI to a WFN (case-insensitively, as §6.1.3 lowercases), or throw CpeError. */
export function unbindUri(uri: string): Wfn {
  if (uri.slice(0, URI_PREFIX.length).toLowerCase() !== URI_PREFIX) {
    throw new CpeError(uri, `a URI starts with "${URI_PREFIX}"`);
  }
  const components = uri.slice(URI_PREFIX.length).split(":");
  if (components.length > 7) throw new CpeError(uri, `at most 7 components, found ${components.length}`);
  const [part = "", vendor = "", product = "", version = "", update = "", edition = "", language = ""] = components;
  const values: Record<string, WfnValue> = {
    part: decodeUriValue(uri, part),
    vendor: decodeUriValue(uri, vendor),
    product: decodeUriValue(uri, product),
    version: decodeUriValue(uri, version),
    update: decodeUriValue(uri, update),
    language: decodeUriValue(uri, language),
  };
  Object.assign(
    values,
    edition.startsWith("~") ? unpackUriEdition(edition, uri) : { edition: decodeUriValue(uri, edition) },
  );
  return wrapped(uri, () => createWfn(values));
}

/** Unbind either form, telling them apart by prefix: `cpe:2.3:` is a formatted string, `cpe:/` a URI. */
export function parseCpe(name: string): Wfn {
  return name.startsWith(FS_PREFIX) ? unbindFormattedString(name) : unbindUri(name);
}

/**
 * Split a packed URI edition (`~edition~sw_edition~target_sw~target_hw~other`) into its five
 * attributes; tildes past the fifth belong to `other`, where they are literal.
 */
export function unpackUriEdition(packed: string, uri = packed): Record<string, WfnValue> {
  const fields = packed.slice(1).split("~");
  if (fields.length < 5) throw new CpeError(uri, "a packed edition holds five ~-separated fields");
  const [edition = "", swEdition = "", targetSw = "", targetHw = "", ...other] = fields;
  return {
    edition: decodeUriValue(uri, edition),
    sw_edition: decodeUriValue(uri, swEdition),
    target_sw: decodeUriValue(uri, targetSw),
    target_hw: decodeUriValue(uri, targetHw),
    other: decodeUriValue(uri, other.join("~")),
  };
}

function bindValueForFs(value: WfnValue): string {
  if (isCpeAny(value)) return "*";
  if (isCpeNa(value)) return "-";
  // §6.2.2.2: only `.`, `-` and `_` lose their quoting; every other quoted character keeps it.
  return value.replace(/\\([.\-_])|\\(.)/g, (whole, bare?: string) => bare ?? whole);
}

function unbindValueFromFs(fs: string, component: string): WfnValue {
  if (component === "*") return CPE_ANY;
  if (component === "-") return CPE_NA;
  if (component === "") throw new CpeError(fs, "empty component (ANY is *)");
  // §6.2.3.2 add_quoting: characters other than letters, digits, `_` and the wildcards gain a
  // backslash; already quoted pairs are copied. Where wildcards may sit is checked by createWfn.
  let out = "";
  for (let i = 0; i < component.length; i++) {
    const char = component[i] ?? "";
    if (char === "\\") {
      out += component.slice(i, i + 2);
      i++;
    } else if (isWordChar(char) || char === "*" || char === "?") out += char;
    else if (char > " " && char <= "~") out += `\\${char}`;
    else throw new CpeError(fs, `character ${JSON.stringify(char)} is not allowed`);
  }
  return out;
}

function bindValueForUri(value: WfnValue): string {
  if (isCpeAny(value)) return "";
  if (isCpeNa(value)) return "-";
  let out = "";
  for (let i = 0; i < value.length; i++) {
    const char = value[i] ?? "";
    if (char === "\\") {
      const quoted = value[i + 1] ?? "";
      i++;
      // §6.1.2.3 pct_encode: `-` and `.` travel bare in a URI; other punctuation is percent-encoded.
      out += quoted === "-" || quoted === "." || isWordChar(quoted) ? quoted : percentEncode(quoted);
    } else if (char === "?") out += "%01";
    else if (char === "*") out += "%02";
    else out += char;
  }
  return out;
}

/** §6.1.3.3 decode: lowercase, quote `.`, `-` and `~`, turn %01/%02 into wildcards and %xx into quoted characters. */
function decodeUriValue(uri: string, raw: string): WfnValue {
  if (raw === "") return CPE_ANY;
  if (raw === "-") return CPE_NA;
  const value = raw.toLowerCase();
  let out = "";
  for (let i = 0; i < value.length; i++) {
    const char = value[i] ?? "";
    if (char === "." || char === "-" || char === "~") out += `\\${char}`;
    else if (char === "%") {
      const code = value.slice(i, i + 3);
      i += 2;
      if (code === "%01") out += "?";
      else if (code === "%02") out += "*";
      else out += `\\${percentDecode(uri, code)}`;
    } else if (isWordChar(char) || char === "*" || char === "?") out += char;
    else throw new CpeError(uri, `character "${char}" is not allowed in a URI`);
  }
  return out;
}

/** The punctuation a URI may carry percent-encoded (NISTIR 7695 Table 6-1). */
const PERCENT_ENCODABLE = "!\"#$%&'()*+,/:;<=>?@[\\]^`{|}~";

function percentEncode(char: string): string {
  return `%${char.charCodeAt(0).toString(16).padStart(2, "0")}`;
}

function percentDecode(uri: string, code: string): string {
  const char = /^%[0-9a-f]{2}$/.test(code) ? String.fromCharCode(Number.parseInt(code.slice(1), 16)) : "";
  if (char === "" || !PERCENT_ENCODABLE.includes(char)) throw new CpeError(uri, `"${code}" is not a legal encoding`);
  return char;
}

function wrapped(name: string, build: () => Wfn): Wfn {
  try {
    return build();
  } catch (error) {
    if (error instanceof CpeError && error.cpe !== name) throw new CpeError(name, error.reason, { cause: error });
    throw error;
  }
}
