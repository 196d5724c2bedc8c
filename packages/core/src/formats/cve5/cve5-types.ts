import type { CvssVersion } from "../../cvss/cvss.js";

/*
 * CVE JSON 5 records (https://github.com/CVEProject/cve-schema, 5.0–5.2): the CVE Program's own
 * record of a CVE, written by its CNA, with containers added by ADPs (CISA's "vulnrichment" SSVC
 * and KEV, the CVE Program's references). The record as received is kept verbatim beside this.
 */

/** One entry of an `affected[].versions[]` list, as the CNA states it. */
export interface Cve5Version {
  readonly version: string;
  readonly status: "affected" | "unaffected" | "unknown";
  readonly versionType?: string;
  readonly lessThan?: string;
  readonly lessThanOrEqual?: string;
  readonly changes?: ReadonlyArray<{ readonly at: string; readonly status: "affected" | "unaffected" | "unknown" }>;
}

/** One `affected[]` entry: a product and which of its versions are affected. */
export interface Cve5Affected {
  readonly vendor: string | null;
  readonly product: string | null;
  /** Vendor and product as CPE writes names (lowercase, spaces as `_`), to join them to CPE vendor and product. */
  readonly vendorKey: string | null;
  readonly productKey: string | null;
  readonly packageName: string | null;
  readonly collectionURL: string | null;
  readonly repo: string | null;
  readonly cpes: readonly string[];
  readonly platforms: readonly string[];
  readonly defaultStatus: "affected" | "unaffected" | "unknown" | null;
  readonly versions: readonly Cve5Version[];
}

/** A CVSS metric of a container, with the container's provider as its source. */
export interface Cve5Metric {
  readonly source: string;
  readonly version: CvssVersion;
  readonly vector: string;
  readonly baseScore: number | null;
  readonly baseSeverity: string | null;
}

/** CISA's SSVC decision points for the CVE (the vulnrichment ADP's `other` metric of type `ssvc`). */
export interface Cve5Ssvc {
  readonly source: string;
  readonly version: string | null;
  readonly timestamp: string | null;
  /** `Exploitation`, `Automatable`, `Technical Impact` → their values. */
  readonly options: Readonly<Record<string, string>>;
}

/** One container: the CNA's, or an ADP's. */
export interface Cve5Container {
  readonly role: "cna" | "adp";
  /** The provider's short name (`openssl`, `CISA-ADP`), else its org id. */
  readonly provider: string;
  readonly dateUpdated: string | null;
  readonly title: string | null;
  readonly descriptions: ReadonlyArray<{ readonly lang: string; readonly value: string }>;
  readonly affected: readonly Cve5Affected[];
  readonly metrics: readonly Cve5Metric[];
  readonly ssvc: Cve5Ssvc | null;
  /** CISA's KEV listing as the vulnerability ADP states it (`other` of type `kev`). */
  readonly kev: { readonly dateAdded: string | null; readonly reference: string | null } | null;
  readonly cwes: readonly string[];
  readonly references: ReadonlyArray<{
    readonly url: string;
    readonly name: string | null;
    readonly tags: readonly string[];
  }>;
}

/** One CVE JSON 5 record, normalised. */
export interface Cve5Record {
  readonly id: string;
  readonly state: "PUBLISHED" | "REJECTED";
  /** The assigning CNA's short name, else its org id. */
  readonly assigner: string | null;
  readonly published: string | null;
  /** `cveMetadata.dateUpdated`, else the newest container date, else the published date; null when the record has none. */
  readonly modified: string | null;
  readonly withdrawn: string | null;
  /** The CNA's English description, else its first. */
  readonly summary: string | null;
  readonly containers: readonly Cve5Container[];
}
