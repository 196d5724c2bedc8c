/** A vers comparator other than the lone `*` (which is modelled by `Vers.anyVersion`). */
export type VersComparator = "=" | "!=" | "<" | "<=" | ">" | ">=";

/** One constraint of a vers: a comparator and a decoded (not percent-encoded) version string. */
export interface VersConstraint {
  readonly comparator: VersComparator;
  readonly version: string;
}

/**
 * A decoded vers. `anyVersion` stands for the `*` constraint (all versions, or none for the
 * `none` type); then `constraints` is empty.
 */
export interface Vers {
  readonly type: string;
  readonly anyVersion: boolean;
  readonly constraints: readonly VersConstraint[];
}

/** Every comparator a vers constraint may carry, longest first so prefix matching is greedy. */
export const VERS_COMPARATORS: readonly VersComparator[] = [">=", "<=", "!=", "<", ">", "="];
