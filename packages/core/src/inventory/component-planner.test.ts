import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type ComponentInput, planComponentChanges, type StoredComponent } from "./component-planner.js";

const lib = (name: string, version: string | null, extra: Partial<ComponentInput> = {}): ComponentInput => ({
  name,
  version,
  type: "library",
  purl: version === null ? null : `pkg:cargo/${name}@${version}`,
  cpe: null,
  bomRef: null,
  occurrences: 1,
  identityConflict: null,
  ...extra,
});

const stored = (id: string, component: ComponentInput): StoredComponent => ({ id, ...component });

describe("planComponentChanges", () => {
  it("keeps exact equals, updates an upgraded component in place, adds and removes the rest", () => {
    const plan = planComponentChanges(
      [stored("a", lib("h2", "0.3.15")), stored("b", lib("ring", "0.16.20")), stored("c", lib("gone", "1.0.0"))],
      [lib("h2", "0.3.26"), lib("ring", "0.16.20"), lib("new", "2.0.0")],
    );
    expect(plan.unchanged).toEqual(["b"]);
    expect(plan.update).toEqual([{ id: "a", component: lib("h2", "0.3.26") }]);
    expect(plan.add).toEqual([lib("new", "2.0.0")]);
    expect(plan.remove).toEqual(["c"]);
  });

  it("tells components apart by PURL qualifiers such as arch", () => {
    const amd64 = lib("libc6", "2.36-9", { purl: "pkg:deb/debian/libc6@2.36-9?arch=amd64" });
    const i386 = lib("libc6", "2.36-9", { purl: "pkg:deb/debian/libc6@2.36-9?arch=i386" });
    const upgraded = lib("libc6", "2.36-10", { purl: "pkg:deb/debian/libc6@2.36-10?arch=i386" });
    const plan = planComponentChanges([stored("x", amd64), stored("y", i386)], [amd64, upgraded]);
    expect(plan).toEqual({ unchanged: ["x"], update: [{ id: "y", component: upgraded }], add: [], remove: [] });
  });

  it("pairs components without a PURL by name and type", () => {
    const firmware = lib("acme-fw", null, { type: "firmware", version: "2.3.1" });
    const plan = planComponentChanges([stored("f", firmware)], [{ ...firmware, version: "2.4.0" }]);
    expect(plan.update.map((entry) => entry.id)).toEqual(["f"]);
  });

  it("updates a component in place when only its occurrence count or identity conflict changed", () => {
    const plan = planComponentChanges(
      [stored("a", lib("h2", "0.3.15")), stored("b", lib("ring", "0.16.20"))],
      [lib("h2", "0.3.15", { occurrences: 3 }), lib("ring", "0.16.20", { identityConflict: "version differs" })],
    );
    expect(plan.unchanged).toEqual([]);
    expect(plan.update.map((entry) => [entry.id, entry.component.occurrences])).toEqual([
      ["a", 3],
      ["b", 1],
    ]);
  });

  it("yields exactly the imported components when applied (property)", () => {
    const component = fc
      .record({
        name: fc.constantFrom("a", "b", "c"),
        version: fc.constantFrom("1.0.0", "1.1.0", "2.0.0"),
        withPurl: fc.boolean(),
      })
      .map(({ name, version, withPurl }) => lib(name, version, withPurl ? {} : { purl: null }));
    fc.assert(
      fc.property(fc.array(component, { maxLength: 8 }), fc.array(component, { maxLength: 8 }), (before, after) => {
        const rows = before.map((entry, index) => stored(`id${index}`, entry));
        const plan = planComponentChanges(rows, after);
        const byId = new Map<string, ComponentInput>(rows.map(({ id, ...facts }) => [id, facts]));
        for (const id of plan.remove) byId.delete(id);
        for (const { id, component: next } of plan.update) byId.set(id, next);
        const result = [...byId.values(), ...plan.add].map((entry) => JSON.stringify(entry)).sort();
        expect(result).toEqual(after.map((entry) => JSON.stringify(entry)).sort());
        // Every stored id is accounted for exactly once.
        const ids = [...plan.unchanged, ...plan.update.map((entry) => entry.id), ...plan.remove].sort();
        expect(ids).toEqual(rows.map((row) => row.id).sort());
      }),
      { numRuns: 300 },
    );
  });
});
