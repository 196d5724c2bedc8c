/*
 * Which revisions of a feed's records to write (docs/adr/0027): a record is replaced only by a
 * newer revision, and the same bytes again are recognised without being compared field by field.
 */

/** A revision as stored or read: its id, its `modified` instant as fixed-width text, the digest of its bytes. */
export interface Revision {
  readonly id: string;
  /**
   * `YYYY-MM-DDTHH:MM:SS.sssZ`: text order is time order. Empty for a record that states no
   * instant (some CVE JSON 5 records): other bytes of it are a new revision, the later import wins.
   */
  readonly modified: string;
  readonly digest: string;
}

export interface RevisionPlan<T extends Revision> {
  /** Ids not stored yet. */
  readonly insert: readonly T[];
  /** Newer revisions of stored ids. */
  readonly replace: readonly T[];
  /** The stored revision again: the same bytes, or the same `modified` instant in another serialisation. */
  readonly unchanged: number;
  /** Older than the stored revision (or than another revision of the id in the same batch): not written. */
  readonly older: number;
}

/** Plan a batch against the stored revisions of its ids; within the batch the newest revision of an id counts. */
export function planRevisions<T extends Revision>(
  stored: ReadonlyMap<string, Revision>,
  batch: readonly T[],
): RevisionPlan<T> {
  const newest = new Map<string, T>();
  let unchanged = 0;
  let older = 0;
  for (const revision of batch) {
    const kept = newest.get(revision.id);
    if (kept === undefined) {
      newest.set(revision.id, revision);
    } else if (revision.modified > kept.modified) {
      newest.set(revision.id, revision);
      older++;
    } else if (revision.modified === kept.modified) {
      unchanged++;
    } else {
      older++;
    }
  }
  const insert: T[] = [];
  const replace: T[] = [];
  for (const revision of newest.values()) {
    const current = stored.get(revision.id);
    if (current === undefined) insert.push(revision);
    else if (current.digest === revision.digest) unchanged++;
    else if (revision.modified === "" || current.modified === "") replace.push(revision);
    else if (current.modified === revision.modified) unchanged++;
    else if (revision.modified > current.modified) replace.push(revision);
    else older++;
  }
  return { insert, replace, unchanged, older };
}
