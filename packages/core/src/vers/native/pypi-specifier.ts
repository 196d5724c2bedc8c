import { clean } from "@renovatebot/pep440";
import { InvalidVersionError } from "../../versions/version-scheme.js";
import type { Vers } from "../vers-types.js";
import { type ComparatorListDialect, pessimistic, versFromComparatorList } from "./comparator-list.js";

/**
 * PEP 440 specifiers (`>=1.0,<2`, `~=2.2`, `==1.*`, `!=5`), plus GitLab's `||` between sets.
 * Versions are written in their PEP 440 normal form (`1.9.0alpha` → `1.9.0a0`) because that is
 * the spelling pip, PyPI and univers agree on.
 */
function normalPep440(version: string): string {
  const normal = clean(version);
  if (normal === null) throw new InvalidVersionError("pypi", version);
  return normal;
}

const PYPI_DIALECT: ComparatorListDialect = {
  versType: "pypi",
  comparators: { "==": "=", "!=": "!=", "<=": "<=", ">=": ">=", "<": "<", ">": ">" },
  expansions: {
    // ~=X.Y means >=X.Y and ==X.*; X.dev0 is the first release of X in PEP 440 order.
    "~=": pessimistic(".dev0"),
  },
  cleanVersion: (version) => (version.endsWith(".*") ? version : normalPep440(version)),
  termSeparator: /\s*,\s*/,
};

/** Convert PEP 440 version specifiers to a canonical vers. */
export function versFromPypiSpecifier(specifier: string): Vers {
  return versFromComparatorList(PYPI_DIALECT, specifier);
}
