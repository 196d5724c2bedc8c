import { parseCpe } from "./binding.js";
import { splitUnquoted } from "./escapes.js";
import { CpeError, type Wfn } from "./wfn.js";

/*
 * The strict syntax of the CPE 2.3 dictionary schema (cpe23Type and the 2.2 URI pattern), which
 * CSAF 2.x adopts for `product_identification_helper.cpe`. It is stricter than unbinding: a
 * formatted string may not carry unquoted punctuation beyond `.`, `-` and `_`, each value needs a
 * literal character besides its wildcards, and language must look like an RFC 5646 tag.
 */

const FS_VALUE = /^(?:[*-]|(?:\?*|\*?)(?:[A-Za-z0-9._-]|\\[\\*?!"#$%&'()+,/:;<=>@[\]^`{|}~])+(?:\?*|\*?))$/;
const FS_LANGUAGE = /^(?:[*-]|[A-Za-z]{2,3}(?:-(?:[A-Za-z]{2}|[0-9]{3}))?)$/;
const URI = /^[cC][pP][eE]:\/[AHOaho]?(?::[A-Za-z0-9._\-~%]*){0,6}$/;
const LANGUAGE_INDEX = 6;

/**
 * Parse a CPE name (2.3 formatted string or 2.2 URI) under the dictionary schema's strict syntax,
 * or throw CpeError; use it where a document's CPE must be valid as written (CSAF, SBOM intake).
 */
export function parseStrictCpe(name: string): Wfn {
  if (name.startsWith("cpe:2.3:")) {
    const components = splitUnquoted(name.slice("cpe:2.3:".length), ":");
    components.forEach((component, index) => {
      const pattern = index === LANGUAGE_INDEX ? FS_LANGUAGE : FS_VALUE;
      if (index > 0 && !pattern.test(component)) throw new CpeError(name, `component ${index + 1} "${component}"`);
    });
  } else if (!URI.test(name)) {
    throw new CpeError(name, "not a CPE 2.3 formatted string or CPE 2.2 URI");
  }
  return parseCpe(name);
}

/** True when `name` passes `parseStrictCpe`. */
export function isValidCpeName(name: string): boolean {
  try {
    parseStrictCpe(name);
    return true;
  } catch (error) {
    if (error instanceof CpeError) return false;
    throw error;
  }
}
