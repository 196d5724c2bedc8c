import type { CvssVersion } from "../../cvss/cvss.js";

/*
 * NVD's CVE records (API 2.0 and the retired 1.1 feeds) in one normalised shape. The record as
 * received is kept verbatim beside it; this is what fleetpatch reads of it (docs/adr/0027).
 */

/** One CPE match criterion of a configuration node. */
export interface NvdCriterion {
  /** The CPE 2.3 formatted string (`cpe:2.3:a:openssl:openssl:*:*:*:*:*:*:*:*`). */
  readonly criteria: string;
  /** False for a platform the vulnerable software runs on (the "running on/with" half of an AND). */
  readonly vulnerable: boolean;
  /** NVD's id of the criterion (API 2.0); absent in the 1.1 feeds. */
  readonly matchCriteriaId?: string;
  readonly versionStartIncluding?: string;
  readonly versionStartExcluding?: string;
  readonly versionEndIncluding?: string;
  readonly versionEndExcluding?: string;
  /**
   * The versions matched, as canonical vers of type `generic` (NVD names no version scheme):
   * the bounds when given, else the CPE's own version (`*` any). Null when no range can be
   * stated — the CPE version is `-` (not applicable) — with the reason in `versNote`. Left out
   * when the record was read for an import only (it is derived from the fields above).
   */
  readonly vers?: string | null;
  readonly versNote?: string;
}

/** A configuration node: its criteria and child nodes joined by `operator`, the whole negated when `negate`. */
export interface NvdNode {
  readonly operator: "AND" | "OR";
  readonly negate: boolean;
  readonly criteria: readonly NvdCriterion[];
  readonly children: readonly NvdNode[];
}

/** A CVSS metric as NVD states it, with who scored it. */
export interface NvdMetric {
  /** Who scored it: `nvd@nist.gov`, or a CNA's address (`secalert@redhat.com`). */
  readonly source: string;
  /** `Primary` for the NVD's own score, `Secondary` for a CNA's. */
  readonly type: "Primary" | "Secondary";
  readonly version: CvssVersion;
  readonly vector: string;
  /** The base score the record states (fleetpatch scores the vector itself too). */
  readonly baseScore: number | null;
  readonly baseSeverity: string | null;
}

/** A weakness (CWE) and who named it. */
export interface NvdWeakness {
  readonly source: string;
  readonly type: "Primary" | "Secondary";
  /** `CWE-125`, or NVD's `NVD-CWE-Other` / `NVD-CWE-noinfo`. */
  readonly cwe: string;
}

export interface NvdReference {
  readonly url: string;
  /** Who added it (API 2.0), or the 1.1 feed's `refsource` (`CONFIRM`, `MLIST`). */
  readonly source: string | null;
  /** NVD's tags: `Exploit`, `Patch`, `Vendor Advisory`, `Third Party Advisory`… */
  readonly tags: readonly string[];
}

/** One NVD CVE record, normalised. */
export interface NvdRecord {
  /** `CVE-2014-0160`. */
  readonly id: string;
  /** Which NVD format it came in. */
  readonly format: "1.1" | "2.0";
  /** The CNA that assigned it (`secalert@redhat.com`); null when not stated. */
  readonly sourceIdentifier: string | null;
  /** Instants as `YYYY-MM-DDTHH:MM:SS.sssZ`, so that text order is time order. */
  readonly published: string | null;
  readonly modified: string;
  /** NVD's `vulnStatus` (`Analyzed`, `Modified`, `Rejected`…); the 1.1 feeds have none but rejection. */
  readonly status: string | null;
  /** When rejected: the instant of the rejecting revision (NVD gives no other date). */
  readonly withdrawn: string | null;
  /** The English description, else the first. */
  readonly summary: string | null;
  readonly descriptions: ReadonlyArray<{ readonly lang: string; readonly value: string }>;
  readonly metrics: readonly NvdMetric[];
  readonly weaknesses: readonly NvdWeakness[];
  readonly references: readonly NvdReference[];
  /** Each root node is one configuration; the record affects what any of them matches. */
  readonly configurations: readonly NvdNode[];
}
