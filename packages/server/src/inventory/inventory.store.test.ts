import { join } from "node:path";
import { expect, it } from "vitest";
import { cycloneDxBomText } from "../../test/factories.js";
import { FIXTURES } from "../../test/support/context.js";
import { describeOnEachDialect } from "../../test/support/dialects.js";

const sbom231 = join(FIXTURES, "demo", "sboms", "edge-gateway-2.3.1.cdx.json");

const bomText = cycloneDxBomText;

describeOnEachDialect("inventory store", (env) => {
  it("imports an SBOM as an asset named by metadata.component with every component", async () => {
    const [result] = await env().context.inventory.importSbomFiles([sbom231]);
    expect(result).toMatchObject({ name: "gw-berlin-01", created: true, components: 10, added: 10, removed: 0 });
    const [asset] = await env().context.inventory.listAssets();
    expect(asset).toMatchObject({
      name: "gw-berlin-01",
      type: "iot",
      version: "2.3.1",
      componentCount: 10,
      source: "CycloneDX 1.5",
    });
  });

  it("names the asset by --asset when given", async () => {
    await env().context.inventory.importSbomFiles([sbom231], { assetName: "plant-7-gateway" });
    const assets = await env().context.inventory.listAssets();
    expect(assets.map((asset) => asset.name)).toEqual(["plant-7-gateway"]);
  });

  it("replaces the component list on re-import and keeps unchanged components' identity", async () => {
    const { inventory, database } = env().context;
    await inventory.importSbomDocuments([
      {
        location: "v1",
        text: bomText("dev", [
          { name: "a", version: "1" },
          { name: "b", version: "1" },
        ]),
      },
    ]);
    const before = await database.db
      .selectFrom("components")
      .select(["id", "name"])
      .where("name", "=", "a")
      .executeTakeFirstOrThrow();
    const [result] = await inventory.importSbomDocuments([
      {
        location: "v2",
        text: bomText("dev", [
          { name: "a", version: "1" },
          { name: "c", version: "2" },
        ]),
      },
    ]);
    expect(result).toMatchObject({ created: false, components: 2, added: 1, removed: 1 });
    const components = await env().context.inventory.listAssets();
    expect(components[0]?.componentCount).toBe(2);
    const after = await database.db.selectFrom("components").select(["id", "name"]).orderBy("name").execute();
    expect(after.map((row) => row.name)).toEqual(["a", "c"]);
    expect(after[0]?.id).toBe(before.id);
  });

  it("writes nothing when any of several files is bad", async () => {
    const good = { location: "good.json", text: bomText("good", [{ name: "a", version: "1" }]) };
    const bad = { location: "bad.json", text: bomText("bad", [{ name: "x", version: "1", purl: "pkg:" }]) };
    await expect(env().context.inventory.importSbomDocuments([good, bad])).rejects.toThrow(
      /bad\.json: components\[0\]\.purl/,
    );
    expect(await env().context.inventory.listAssets()).toEqual([]);
  });

  it("stores the package key of each PURL for matching", async () => {
    await env().context.inventory.importSbomFiles([sbom231]);
    const row = await env()
      .context.database.db.selectFrom("components")
      .select(["purl_type", "purl_namespace", "purl_name", "version"])
      .where("name", "=", "github.com/eclipse/paho.mqtt.golang")
      .executeTakeFirstOrThrow();
    expect(row).toEqual({
      purl_type: "golang",
      purl_namespace: "github.com/eclipse",
      purl_name: "paho.mqtt.golang",
      version: "v1.4.3",
    });
  });

  it("imports a 20,000-component SBOM in one batched transaction", async () => {
    const components = Array.from({ length: 20_000 }, (_, index) => ({
      name: `lib${index}`,
      version: "1.0.0",
      purl: `pkg:npm/lib${index}@1.0.0`,
    }));
    const [result] = await env().context.inventory.importSbomDocuments([
      { location: "big", text: bomText("big", components) },
    ]);
    expect(result?.added).toBe(20_000);
    expect((await env().context.inventory.listAssets())[0]?.componentCount).toBe(20_000);
  });
});
