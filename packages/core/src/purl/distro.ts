import { ecosystemOfPackage, releaseKey } from "../ecosystems/ecosystems.js";
import type { PackageUrl } from "./purl.js";

/*
 * OS-package PURLs (deb, rpm, apk, alpm) carry two things a version comparison needs but that the
 * PURL puts in different places per producer: the epoch (rpm's `epoch` qualifier, or a leading
 * `N:` in a deb or rpm version) and the distribution release (`distro=bookworm`, `distro=debian-12`,
 * `distro=fedora-25`, `distro=alpine-3.18.4`). These helpers read both the same way for every
 * producer, so matching compares like with like.
 */

/** A distribution release read from a PURL's `distro` qualifier. */
export interface PurlDistro {
  /** Lowercase distribution id as OSV and os-release use it: `debian`, `ubuntu`, `fedora`, `alpine`. */
  readonly id: string | null;
  /** The release number (`12`, `22.04`, `3.18.4`), or the raw value when it holds none. */
  readonly release: string;
  /** The codename when the qualifier gave one (`bookworm`). */
  readonly codename: string | null;
}

/** Release numbers of the Debian and Ubuntu codenames seen in `distro` qualifiers. */
const CODENAMES: Readonly<Record<string, { id: string; release: string }>> = {
  wheezy: { id: "debian", release: "7" },
  jessie: { id: "debian", release: "8" },
  stretch: { id: "debian", release: "9" },
  buster: { id: "debian", release: "10" },
  bullseye: { id: "debian", release: "11" },
  bookworm: { id: "debian", release: "12" },
  trixie: { id: "debian", release: "13" },
  forky: { id: "debian", release: "14" },
  xenial: { id: "ubuntu", release: "16.04" },
  bionic: { id: "ubuntu", release: "18.04" },
  focal: { id: "ubuntu", release: "20.04" },
  jammy: { id: "ubuntu", release: "22.04" },
  noble: { id: "ubuntu", release: "24.04" },
};

const OS_PACKAGE_TYPES = new Set(["deb", "rpm", "apk", "alpm"]);

/** The distribution release named by an OS package's `distro` qualifier, or null when it has none. */
export function distroOf(purl: PackageUrl): PurlDistro | null {
  const raw = purl.qualifiers?.distro?.trim().toLowerCase();
  if (!raw || !OS_PACKAGE_TYPES.has(purl.type)) return null;
  const known = CODENAMES[raw];
  if (known) return { ...known, codename: raw };
  // `debian-12`, `ubuntu-22.04`, `fedora-25`, `alpine-3.18.4`, `rhel-8.9`: id, then the release.
  const idAndRelease = /^([a-z][a-z_]*(?:-[a-z][a-z_]*)*)-v?(\d[\w.+~-]*)$/.exec(raw);
  if (idAndRelease?.[1] && idAndRelease[2]) return { id: idAndRelease[1], release: idAndRelease[2], codename: null };
  // A bare release (`distro=3.18`) belongs to the vendor in the namespace.
  return { id: purl.namespace?.toLowerCase() ?? null, release: raw, codename: null };
}

/** The epoch of a deb or rpm PURL (rpm `epoch` qualifier first, then a leading `N:`), 0 when absent, null for other types. */
export function epochOf(purl: PackageUrl): number | null {
  if (purl.type !== "deb" && purl.type !== "rpm") return null;
  const qualifier = purl.qualifiers?.epoch;
  if (qualifier !== undefined && /^\d+$/.test(qualifier)) return Number(qualifier);
  const leading = purl.version ? /^(\d+):/.exec(purl.version) : null;
  return leading?.[1] ? Number(leading[1]) : 0;
}

/**
 * The version as the package manager compares it: for rpm the `epoch` qualifier is folded in as
 * `epoch:version` (the purl-spec rpm type keeps it out of the version), so `1:2.0` from rpm's own
 * database and `2.0?epoch=1` from an SBOM compare equal. Other types return the version unchanged.
 */
export function nativeVersion(purl: PackageUrl): string | null {
  if (purl.version === null) return null;
  if (purl.type !== "rpm" || /^\d+:/.test(purl.version)) return purl.version;
  const epoch = purl.qualifiers?.epoch;
  return epoch !== undefined && /^\d+$/.test(epoch) && epoch !== "0" ? `${epoch}:${purl.version}` : purl.version;
}

/**
 * The release key of an OS package's `distro` qualifier, read with the rule of the distribution
 * that owns the PURL's namespace (ecosystem table): `pkg:deb/debian/x?distro=bookworm` → `12`,
 * `pkg:apk/alpine/x?distro=alpine-3.18.4` → `3.18`. Null when the PURL names no release.
 */
export function releaseOfPurl(purl: PackageUrl): string | null {
  const distro = distroOf(purl);
  if (!distro) return null;
  const ecosystem = ecosystemOfPackage(purl.type, purl.namespace);
  return releaseKey(ecosystem?.release ?? "exact", distro.release);
}
