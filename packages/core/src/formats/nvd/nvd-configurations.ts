import { splitUnquoted } from "../../cpe/escapes.js";
import { versFromNvdCpeMatch } from "../../vers/nvd-cpe-match.js";
import { NativeRangeError } from "../../vers/vers-errors.js";
import { formatVers } from "../../vers/vers-syntax.js";
import {
  fieldError,
  objectItem,
  optionalArray,
  optionalBoolean,
  optionalString,
  type RecordPlace,
  requiredString,
} from "../record-fields.js";
import type { NvdCriterion, NvdNode } from "./nvd-types.js";

/** A product some criterion of a record names: the key matching looks records up by. */
export interface NvdProduct {
  /** `a` application, `o` operating system, `h` hardware (or `*`). */
  readonly part: string;
  /** Lowercase, CPE escapes removed (`hewlett-packard`). */
  readonly vendor: string;
  readonly product: string;
  /** Whether some criterion naming it is vulnerable (not only a platform it runs on). */
  readonly vulnerable: boolean;
}

/**
 * Add a product a record names to `products` (keyed by part, vendor and product): named once,
 * vulnerable when any statement naming it is.
 */
export function nameProduct(
  products: Map<string, NvdProduct>,
  part: string,
  vendor: string,
  product: string,
  vulnerable: boolean,
): void {
  const key = `${part}:${vendor}:${product}`;
  const known = products.get(key);
  if (known === undefined) products.set(key, { part, vendor, product, vulnerable });
  else if (vulnerable && !known.vulnerable) products.set(key, { ...known, vulnerable: true });
}

/** Limits that no real NVD record comes near (the largest has 4,891 criteria). */
export const NVD_LIMITS = {
  criteriaPerNode: 50_000,
  nodesPerRecord: 10_000,
  cpeLength: 1_000,
  versionLength: 200,
} as const;

const BOUNDS = [
  "versionStartIncluding",
  "versionStartExcluding",
  "versionEndIncluding",
  "versionEndExcluding",
] as const;

/**
 * Canonical vers by bounds and CPE version: NVD repeats the same few thousand combinations over a
 * million criteria, and vers building is pure, so each is built once (bounded, then started over).
 */
const versMemo = new Map<string, { vers: string | null; note?: string }>();
const VERS_MEMO_LIMIT = 1_000_000;

type Bounds = Partial<Record<(typeof BOUNDS)[number], string>>;

function versOf(bounds: Bounds | null, version: string): { vers: string | null; note?: string } {
  const key =
    bounds === null
      ? version
      : `${version}\u0000${bounds.versionStartIncluding ?? ""}\u0000${bounds.versionStartExcluding ?? ""}\u0000${bounds.versionEndIncluding ?? ""}\u0000${bounds.versionEndExcluding ?? ""}`;
  let found = versMemo.get(key);
  if (found === undefined) {
    try {
      found = { vers: formatVers(versFromNvdCpeMatch({ ...bounds, version }, "generic")) };
    } catch (error) {
      found = { vers: null, note: error instanceof NativeRangeError ? error.reason : (error as Error).message };
    }
    if (versMemo.size >= VERS_MEMO_LIMIT) versMemo.clear();
    versMemo.set(key, found);
  }
  return found;
}

/** Collects the records' configuration trees and the products they name. */
export class ConfigurationReader {
  private nodes = 0;
  private readonly products = new Map<string, NvdProduct>();

  /**
   * `withVers` false (an import, which validates and indexes) leaves `vers` out: it is derived
   * from the bounds, so the view read later builds it (docs/adr/0027).
   */
  constructor(
    private readonly place: RecordPlace,
    private readonly withVers = true,
  ) {}

  /** The products named, after the configurations are read. */
  namedProducts(): NvdProduct[] {
    return [...this.products.values()];
  }

  /** A node of the 1.1 feeds: `operator`, `negate`, `children[]`, `cpe_match[]` (`cpe23Uri`). */
  node11(value: unknown, path: string): NvdNode {
    const node = this.nodeObject(value, path);
    const criteria = optionalArray(node, "cpe_match", this.place, path, NVD_LIMITS.criteriaPerNode).map((item, index) =>
      this.criterion(
        objectItem(item, this.place, `${path}.cpe_match[${index}]`),
        `${path}.cpe_match[${index}]`,
        "cpe23Uri",
      ),
    );
    const children = optionalArray(node, "children", this.place, path, NVD_LIMITS.nodesPerRecord).map((child, index) =>
      this.node11(child, `${path}.children[${index}]`),
    );
    return { operator: this.operator(node, path), negate: this.negate(node, path), criteria, children };
  }

  /**
   * A configuration of API 2.0: `operator`/`negate` over `nodes[]`, each with `cpeMatch[]`
   * (`criteria`, `matchCriteriaId`). One node without an operator of its own is that node.
   */
  configuration20(value: unknown, path: string): NvdNode {
    const configuration = this.nodeObject(value, path);
    const children = optionalArray(configuration, "nodes", this.place, path, NVD_LIMITS.nodesPerRecord).map(
      (item, index) => {
        const nodePath = `${path}.nodes[${index}]`;
        const node = this.nodeObject(item, nodePath);
        const criteria = optionalArray(node, "cpeMatch", this.place, nodePath, NVD_LIMITS.criteriaPerNode).map(
          (match, at) =>
            this.criterion(
              objectItem(match, this.place, `${nodePath}.cpeMatch[${at}]`),
              `${nodePath}.cpeMatch[${at}]`,
              "criteria",
            ),
        );
        return { operator: this.operator(node, nodePath), negate: this.negate(node, nodePath), criteria, children: [] };
      },
    );
    const negate = this.negate(configuration, path);
    if (children.length === 1 && configuration.operator === undefined && !negate) return children[0] as NvdNode;
    return { operator: this.operator(configuration, path), negate, criteria: [], children };
  }

  private nodeObject(value: unknown, path: string): Record<string, unknown> {
    if (++this.nodes > NVD_LIMITS.nodesPerRecord) {
      throw fieldError(this.place, path, `is past the ${NVD_LIMITS.nodesPerRecord}th configuration node; refused`);
    }
    return objectItem(value, this.place, path);
  }

  private operator(node: Record<string, unknown>, path: string): "AND" | "OR" {
    const operator = node.operator;
    if (operator === undefined || operator === null || operator === "OR") return "OR";
    if (operator === "AND") return "AND";
    throw fieldError(this.place, `${path}.operator`, `is ${JSON.stringify(operator)}; NVD's operators are AND and OR`);
  }

  private negate(node: Record<string, unknown>, path: string): boolean {
    return optionalBoolean(node, "negate", this.place, path) ?? false;
  }

  private criterion(match: Record<string, unknown>, path: string, nameKey: "cpe23Uri" | "criteria"): NvdCriterion {
    const criteria = requiredString(match, nameKey, this.place, path, NVD_LIMITS.cpeLength);
    const vulnerable = optionalBoolean(match, "vulnerable", this.place, path);
    if (vulnerable === undefined) throw fieldError(this.place, `${path}.vulnerable`, "is missing");
    const fields = this.cpeFields(criteria, `${path}.${nameKey}`);
    let bounds: Bounds | null = null;
    for (const bound of BOUNDS) {
      if (match[bound] === undefined) continue;
      const value = optionalString(match, bound, this.place, path, NVD_LIMITS.versionLength);
      if (value === undefined || value === "") continue;
      bounds ??= {};
      bounds[bound] = value;
    }
    nameProduct(this.products, fields.part, fields.vendor, fields.product, vulnerable);
    const matchCriteriaId =
      match.matchCriteriaId === undefined
        ? null
        : (optionalString(match, "matchCriteriaId", this.place, path, 100) ?? null);
    // Stored for every criterion of every record: what is absent is left out rather than written null.
    const criterion: Record<string, unknown> = { criteria, vulnerable };
    if (matchCriteriaId !== null) criterion.matchCriteriaId = matchCriteriaId;
    if (bounds !== null) Object.assign(criterion, bounds);
    if (this.withVers) {
      const { vers, note } = versOf(bounds, fields.version);
      criterion.vers = vers;
      if (note !== undefined) criterion.versNote = note;
    }
    return criterion as unknown as NvdCriterion;
  }

  /** Part, vendor, product and the raw version field of a CPE 2.3 formatted string. */
  private cpeFields(cpe: string, path: string): { part: string; vendor: string; product: string; version: string } {
    if (!cpe.startsWith("cpe:2.3:"))
      throw fieldError(this.place, path, `is ${JSON.stringify(cpe)}, not a CPE 2.3 name (cpe:2.3:…)`);
    if (!cpe.includes("\\")) {
      // Nearly every NVD criterion has no escapes: its fields are found by colons; the rare escaped one is unbound properly.
      const partEnd = cpe.indexOf(":", 8);
      const vendorEnd = partEnd < 0 ? -1 : cpe.indexOf(":", partEnd + 1);
      const productEnd = vendorEnd < 0 ? -1 : cpe.indexOf(":", vendorEnd + 1);
      const versionEnd = productEnd < 0 ? -1 : cpe.indexOf(":", productEnd + 1);
      let colons = 0;
      for (let at = cpe.indexOf(":"); at !== -1; at = cpe.indexOf(":", at + 1)) colons++;
      if (versionEnd < 0 || colons !== 12) {
        throw fieldError(
          this.place,
          path,
          `is ${JSON.stringify(cpe)}: a CPE 2.3 name has 13 colon-separated fields, not ${colons + 1}`,
        );
      }
      const part = cpe.slice(8, partEnd);
      if (part !== "a" && part !== "o" && part !== "h" && part !== "*") {
        throw fieldError(this.place, path, `is ${JSON.stringify(cpe)}: the part must be a, o, h or *`);
      }
      return {
        part,
        vendor: lowercase(cpe.slice(partEnd + 1, vendorEnd)),
        product: lowercase(cpe.slice(vendorEnd + 1, productEnd)),
        version: cpe.slice(productEnd + 1, versionEnd),
      };
    }
    // Escaped punctuation (`hewlett\-packard`, `1.0\:beta`): split on the colons that are not escaped.
    const fields = splitUnquoted(cpe.slice(8), ":");
    if (fields.length !== 11) {
      throw fieldError(
        this.place,
        path,
        `is ${JSON.stringify(cpe)}: a CPE 2.3 name has 13 colon-separated fields, not ${fields.length + 2}`,
      );
    }
    const [part, vendor, product, version] = fields as [string, string, string, string];
    if (part !== "a" && part !== "o" && part !== "h" && part !== "*") {
      throw fieldError(this.place, path, `is ${JSON.stringify(cpe)}: the part must be a, o, h or *`);
    }
    return { part, vendor: plain(vendor), product: plain(product), version };
  }
}

/** NVD writes CPE names in lowercase; only a name that is not is copied. */
function lowercase(value: string): string {
  return /[A-Z]/.test(value) ? value.toLowerCase() : value;
}

/** A CPE field as the products index keys it: lowercase, escapes removed. */
function plain(value: string): string {
  return value.replace(/\\(.)/g, "$1").toLowerCase();
}
