import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { AuthService } from "../auth/index.js";
import type { FindingsService } from "../findings/index.js";
import type { IntelService } from "../intel/index.js";
import type { InventoryService } from "../inventory/index.js";

/** Fixtures shipped with the server package: real SBOM components and real OSV records. */
export const DEMO_FIXTURES = fileURLToPath(new URL("../../fixtures/demo/", import.meta.url));

/** The demo's own SQLite file, rebuilt on every run. */
export const DEMO_DATABASE = join("fleetpatch-data", "demo.db");

const DEMO_ADMIN = "demo-admin";

/** The services the demo seeds through; it never touches a store. */
export interface DemoServices {
  readonly inventory: InventoryService;
  readonly intel: IntelService;
  readonly findings: FindingsService;
  readonly auth: AuthService;
}

/** Import the demo fixtures, match, and return an admin token; usable without the server. */
export async function seedDemo(services: DemoServices): Promise<{ token: string }> {
  await services.inventory.importSbomFiles([
    join(DEMO_FIXTURES, "sboms", "edge-gateway-2.3.1.cdx.json"),
    join(DEMO_FIXTURES, "sboms", "edge-gateway-2.4.0.cdx.json"),
  ]);
  await services.intel.importPaths("osv", [join(DEMO_FIXTURES, "osv")]);
  await services.findings.match();
  const users = await services.auth.listUsers();
  if (!users.some((user) => user.name === DEMO_ADMIN)) {
    await services.auth.createUser({ name: DEMO_ADMIN, role: "admin" });
  }
  const { token } = await services.auth.createToken({ userName: DEMO_ADMIN, expiresInDays: 1, label: "demo" });
  return { token };
}
