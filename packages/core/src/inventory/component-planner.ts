/** A component as an import delivers it: one per distinct component of an asset (docs/adr/0023). */
export interface ComponentInput {
  readonly name: string;
  /** The version matching uses: the PURL's when it has one, else the document's version field. */
  readonly version: string | null;
  readonly type: string | null;
  /** Canonical PURL (as core's parsePurl writes it), or null. */
  readonly purl: string | null;
  readonly cpe: string | null;
  /** The first entry's reference (CycloneDX bom-ref), or null. */
  readonly bomRef: string | null;
  /** How many entries of the document this component stands for (identical entries collapse). */
  readonly occurrences: number;
  /** Why the document's own facts about the component disagree (its version field and its PURL's), or null. */
  readonly identityConflict: string | null;
}

/** A component as stored, with its id. */
export interface StoredComponent extends ComponentInput {
  readonly id: string;
}

/** What to write so an asset's stored components equal the imported list. */
export interface ComponentPlan {
  /** Ids of components that are exactly as imported. */
  readonly unchanged: readonly string[];
  /** The same component with new facts (typically a new version): the id, so its findings, survives. */
  readonly update: ReadonlyArray<{ readonly id: string; readonly component: ComponentInput }>;
  readonly add: readonly ComponentInput[];
  readonly remove: readonly string[];
}

/** Every fact of a component; equal facts mean nothing to write. */
function factsOf(component: ComponentInput): string {
  return JSON.stringify([
    component.purl,
    component.name,
    component.version,
    component.cpe,
    component.type,
    component.bomRef,
    component.occurrences,
    component.identityConflict,
  ]);
}

/**
 * What makes two components "the same component" across imports although facts differ: the
 * canonical PURL without its version (qualifiers such as `arch` and `distro` stay part of it), or,
 * without a PURL, the name and type. In a canonical PURL the only literal `@` is the version
 * separator (an npm scope's `@` is percent-encoded), so cutting at it needs no parse.
 */
export function componentIdentity(component: ComponentInput): string {
  if (component.purl) return `purl:${component.purl.replace(/@[^?#]*/, "")}`;
  return `name:${component.type ?? ""}:${component.name}`;
}

/**
 * The component diff of a re-import, as a pure function of stored and imported lists: exact
 * equals are unchanged; then components of the same identity are paired and updated in place
 * (an upgrade keeps the component's id, so its findings resolve as `version_changed` rather than
 * vanish); the rest are added or removed. Duplicates pair in input order.
 */
export function planComponentChanges(
  stored: readonly StoredComponent[],
  imported: readonly ComponentInput[],
): ComponentPlan {
  // A first import has nothing to compare with.
  if (stored.length === 0) return { unchanged: [], update: [], add: [...imported], remove: [] };
  const byFacts = new Map<string, string[]>();
  for (const component of stored) {
    const key = factsOf(component);
    const ids = byFacts.get(key);
    if (ids) ids.push(component.id);
    else byFacts.set(key, [component.id]);
  }
  const unchanged: string[] = [];
  const pending: ComponentInput[] = [];
  for (const component of imported) {
    const id = byFacts.get(factsOf(component))?.shift();
    if (id !== undefined) unchanged.push(id);
    else pending.push(component);
  }
  const unchangedIds = new Set(unchanged);
  const byIdentity = new Map<string, string[]>();
  for (const component of stored) {
    if (unchangedIds.has(component.id)) continue;
    const key = componentIdentity(component);
    const ids = byIdentity.get(key);
    if (ids) ids.push(component.id);
    else byIdentity.set(key, [component.id]);
  }
  const update: Array<{ id: string; component: ComponentInput }> = [];
  const add: ComponentInput[] = [];
  for (const component of pending) {
    const id = byIdentity.get(componentIdentity(component))?.shift();
    if (id !== undefined) update.push({ id, component });
    else add.push(component);
  }
  const remove = [...byIdentity.values()].flat();
  return { unchanged, update, add, remove };
}
