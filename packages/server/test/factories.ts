/**
 * Builders of the documents tests import: a CycloneDX SBOM for one device and an OSV record.
 * One place, so a format change is one edit, and each test states only what it is about.
 */

/** A component of a factory SBOM; `purl` defaults to none. */
export interface BomComponent {
  readonly name: string;
  readonly version?: string;
  readonly purl?: string;
  readonly type?: string;
  readonly bomRef?: string;
}

/** A CycloneDX 1.6 document describing one device with these components. */
export function cycloneDxBom(
  device: string,
  components: readonly BomComponent[],
  options: { readonly subjectType?: string; readonly specVersion?: string } = {},
): Record<string, unknown> {
  return {
    bomFormat: "CycloneDX",
    specVersion: options.specVersion ?? "1.6",
    metadata: { component: { type: options.subjectType ?? "device", name: device } },
    components: components.map((component) => ({
      type: component.type ?? "library",
      name: component.name,
      ...(component.version !== undefined ? { version: component.version } : {}),
      ...(component.purl !== undefined ? { purl: component.purl } : {}),
      ...(component.bomRef !== undefined ? { "bom-ref": component.bomRef } : {}),
    })),
  };
}

/** The same SBOM as text, as a file would hold it. */
export function cycloneDxBomText(device: string, components: readonly BomComponent[]): string {
  return JSON.stringify(cycloneDxBom(device, components));
}

/** An OSV event list entry. */
export type OsvEventInput = { introduced: string } | { fixed: string } | { last_affected: string } | { limit: string };

/** An OSV record with one affected package and one range. */
export function osvRecord(input: {
  readonly id: string;
  readonly ecosystem: string;
  readonly name: string;
  readonly events: readonly OsvEventInput[];
  readonly type?: "SEMVER" | "ECOSYSTEM";
  readonly aliases?: readonly string[];
  readonly modified?: string;
  readonly withdrawn?: string;
}): Record<string, unknown> {
  return {
    schema_version: "1.6.0",
    id: input.id,
    modified: input.modified ?? "2024-01-01T00:00:00Z",
    ...(input.withdrawn ? { withdrawn: input.withdrawn } : {}),
    aliases: input.aliases ?? [],
    summary: `${input.id} in ${input.name}`,
    affected: [
      {
        package: { ecosystem: input.ecosystem, name: input.name },
        ranges: [{ type: input.type ?? "ECOSYSTEM", events: input.events }],
      },
    ],
  };
}

/** A CycloneDX 1.6 document for `device` whose components list one component `count` times, as text. */
export function repeatedComponentBomText(device: string, component: BomComponent, count: number): string {
  const entry = JSON.stringify((cycloneDxBom(device, [component]).components as unknown[])[0]);
  const entries = Array.from({ length: count }, () => entry).join(",");
  return JSON.stringify(cycloneDxBom(device, [])).replace('"components":[]', `"components":[${entries}]`);
}

/** A CycloneDX 1.6 document for `device` with one component nesting another `depth` levels deep. */
export function nestedComponentsBom(device: string, depth: number): Record<string, unknown> {
  let component: Record<string, unknown> = { type: "library", name: `level-${depth}` };
  for (let level = depth - 1; level >= 1; level--) {
    component = { type: "library", name: `level-${level}`, components: [component] };
  }
  return { ...cycloneDxBom(device, []), components: [component] };
}
