import type { Kysely, Migration } from "kysely";

/** Inventory, OSV intelligence, findings, users and API tokens. */
export const initialMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable("assets")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("name", "text", (c) => c.notNull().unique())
      .addColumn("type", "text", (c) => c.notNull())
      .addColumn("version", "text")
      .addColumn("source", "text", (c) => c.notNull())
      .addColumn("created_at", "text", (c) => c.notNull())
      .addColumn("updated_at", "text", (c) => c.notNull())
      .execute();

    await db.schema
      .createTable("components")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("asset_id", "text", (c) => c.notNull().references("assets.id").onDelete("cascade"))
      .addColumn("name", "text", (c) => c.notNull())
      .addColumn("version", "text")
      .addColumn("component_type", "text")
      .addColumn("purl", "text")
      .addColumn("purl_type", "text")
      .addColumn("purl_namespace", "text")
      .addColumn("purl_name", "text")
      .addColumn("cpe", "text")
      .addColumn("bom_ref", "text")
      .execute();
    await db.schema.createIndex("components_asset_idx").on("components").column("asset_id").execute();
    await db.schema
      .createIndex("components_package_idx")
      .on("components")
      .columns(["purl_type", "purl_name", "purl_namespace"])
      .execute();

    await db.schema
      .createTable("vulnerabilities")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("preferred_id", "text", (c) => c.notNull())
      .addColumn("summary", "text")
      .addColumn("published", "text")
      .addColumn("modified", "text", (c) => c.notNull())
      .addColumn("withdrawn", "text")
      .addColumn("source", "text", (c) => c.notNull())
      .addColumn("record", "text", (c) => c.notNull())
      .addColumn("imported_at", "text", (c) => c.notNull())
      .execute();
    await db.schema.createIndex("vulnerabilities_preferred_idx").on("vulnerabilities").column("preferred_id").execute();

    await db.schema
      .createTable("vulnerability_aliases")
      .addColumn("vulnerability_id", "text", (c) => c.notNull().references("vulnerabilities.id").onDelete("cascade"))
      .addColumn("alias", "text", (c) => c.notNull())
      .addPrimaryKeyConstraint("vulnerability_aliases_pk", ["vulnerability_id", "alias"])
      .execute();
    await db.schema
      .createIndex("vulnerability_aliases_alias_idx")
      .on("vulnerability_aliases")
      .column("alias")
      .execute();

    await db.schema
      .createTable("affected_packages")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("vulnerability_id", "text", (c) => c.notNull().references("vulnerabilities.id").onDelete("cascade"))
      .addColumn("ecosystem", "text", (c) => c.notNull())
      .addColumn("purl_type", "text", (c) => c.notNull())
      .addColumn("purl_namespace", "text", (c) => c.notNull())
      .addColumn("purl_name", "text", (c) => c.notNull())
      .addColumn("affected", "text", (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex("affected_packages_package_idx")
      .on("affected_packages")
      .columns(["purl_type", "purl_name", "purl_namespace"])
      .execute();
    await db.schema
      .createIndex("affected_packages_vulnerability_idx")
      .on("affected_packages")
      .column("vulnerability_id")
      .execute();

    await db.schema
      .createTable("findings")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("asset_id", "text", (c) => c.notNull().references("assets.id").onDelete("cascade"))
      .addColumn("component_id", "text", (c) => c.notNull().references("components.id").onDelete("cascade"))
      .addColumn("vulnerability_id", "text", (c) => c.notNull().references("vulnerabilities.id").onDelete("cascade"))
      .addColumn("status", "text", (c) => c.notNull())
      .addColumn("source", "text", (c) => c.notNull())
      .addColumn("confidence", "text", (c) => c.notNull())
      .addColumn("evidence", "text", (c) => c.notNull())
      .addColumn("first_seen", "text", (c) => c.notNull())
      .addColumn("last_seen", "text", (c) => c.notNull())
      .addUniqueConstraint("findings_component_vulnerability_uq", ["component_id", "vulnerability_id"])
      .execute();
    await db.schema.createIndex("findings_asset_idx").on("findings").column("asset_id").execute();
    await db.schema.createIndex("findings_vulnerability_idx").on("findings").column("vulnerability_id").execute();

    await db.schema
      .createTable("users")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("name", "text", (c) => c.notNull().unique())
      .addColumn("role", "text", (c) => c.notNull())
      .addColumn("password_hash", "text", (c) => c.notNull())
      .addColumn("created_at", "text", (c) => c.notNull())
      .execute();

    await db.schema
      .createTable("api_tokens")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
      .addColumn("token_hash", "text", (c) => c.notNull().unique())
      .addColumn("label", "text")
      .addColumn("expires_at", "text")
      .addColumn("created_at", "text", (c) => c.notNull())
      .addColumn("last_used_at", "text")
      .execute();
  },
};
