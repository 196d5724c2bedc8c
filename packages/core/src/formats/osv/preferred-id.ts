const CVE_ID = /^CVE-(\d{4})-(\d{4,})$/;

/** Whether `id` is a CVE id (`CVE-2014-0160`). */
export function isCveId(id: string): boolean {
  return CVE_ID.test(id);
}

/**
 * The id people search for: the record's own id when it is a CVE, else its CVE alias (the oldest
 * when there are several, so the choice is stable), else the record's id (GHSA, RUSTSEC, GO, …).
 */
export function preferredVulnerabilityId(id: string, aliases: readonly string[]): string {
  if (CVE_ID.test(id)) return id;
  const cves = aliases.filter((alias) => CVE_ID.test(alias));
  if (cves.length === 0) return id;
  return cves.sort(compareCveIds)[0] as string;
}

/** CVE ids by year, then number (CVE-2014-999 before CVE-2014-1000). */
export function compareCveIds(a: string, b: string): number {
  const [, ay = "0", an = "0"] = CVE_ID.exec(a) ?? [];
  const [, by = "0", bn = "0"] = CVE_ID.exec(b) ?? [];
  return Number(ay) - Number(by) || Number(an) - Number(bn);
}
