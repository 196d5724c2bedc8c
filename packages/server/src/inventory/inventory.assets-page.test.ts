import { expect, it } from "vitest";
import { cycloneDxBomText } from "../../test/factories.js";
import { describeOnEachDialect } from "../../test/support/dialects.js";

/** Issue 7, item 15: `/api/v1/assets` pages like findings — by cursor, in name order, total on request. */
describeOnEachDialect("asset pages", (env) => {
  it("walks every asset once in name order, with component counts and a total only when asked", async () => {
    const { inventory } = env().context;
    const names = ["gw-03", "gw-01", "plc-a", "gw-02", "hmi-7"];
    await inventory.importSbomDocuments(
      names.map((name, index) => ({
        location: `${name}.json`,
        text: cycloneDxBomText(
          name,
          Array.from({ length: index + 1 }, (_, component) => ({
            name: `lib-${component}`,
            version: "1.0.0",
            purl: `pkg:npm/lib-${component}@1.0.0`,
          })),
        ),
      })),
    );
    const walked: Array<[string, number]> = [];
    let pages = 0;
    for (let cursor: string | undefined; ; pages++) {
      const page = await inventory.listAssetsPage({ limit: 2, ...(cursor !== undefined ? { cursor } : {}) });
      expect(page.total).toBeUndefined();
      walked.push(...page.items.map((asset): [string, number] => [asset.name, asset.componentCount]));
      if (page.next === null) break;
      cursor = page.next;
    }
    expect(pages).toBe(2);
    expect(walked).toEqual([
      ["gw-01", 2],
      ["gw-02", 4],
      ["gw-03", 1],
      ["hmi-7", 5],
      ["plc-a", 3],
    ]);
    expect((await inventory.listAssetsPage({ limit: 1, withTotal: true })).total).toBe(5);
    await expect(inventory.listAssetsPage({ limit: 1, cursor: "bogus!" })).rejects.toThrow(/cursor is not one/);
  });
});
