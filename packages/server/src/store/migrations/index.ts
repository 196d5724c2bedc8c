import type { Migration, MigrationProvider } from "kysely";
import { initialMigration } from "./0001-initial.js";
import { versReleaseLifecycleMigration } from "./0002-vers-release-lifecycle.js";
import { findingsKeysetMigration } from "./0003-findings-keyset.js";
import { componentOccurrencesMigration } from "./0004-component-occurrences.js";
import { userDisabledMigration } from "./0005-user-disabled.js";
import { kevEpssMigration } from "./0006-kev-epss.js";
import { sourceRecordsMigration } from "./0007-source-records.js";
import { intelSyncMigration } from "./0008-intel-sync.js";

/**
 * Migrations are listed in code rather than discovered on disk, so the compiled CLI and the
 * TypeScript tests run exactly the same list. Never edit a released migration; add the next one.
 */
const MIGRATIONS: Readonly<Record<string, Migration>> = {
  "0001-initial": initialMigration,
  "0002-vers-release-lifecycle": versReleaseLifecycleMigration,
  "0003-findings-keyset": findingsKeysetMigration,
  "0004-component-occurrences": componentOccurrencesMigration,
  "0005-user-disabled": userDisabledMigration,
  "0006-kev-epss": kevEpssMigration,
  "0007-source-records": sourceRecordsMigration,
  "0008-intel-sync": intelSyncMigration,
};

/** The provider Kysely's Migrator reads. */
export const migrationProvider: MigrationProvider = {
  async getMigrations() {
    return MIGRATIONS;
  },
};
