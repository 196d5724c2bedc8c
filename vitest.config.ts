import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    // Tests run against the TypeScript sources of core, never a stale dist/.
    alias: { "@fleetpatch/core": fileURLToPath(new URL("./packages/core/src/index.ts", import.meta.url)) },
  },
  test: {
    include: ["packages/*/src/**/*.test.ts", "packages/*/test/**/*.test.ts"],
    globalSetup: ["packages/server/test/support/global-setup.ts"],
    setupFiles: ["packages/server/test/support/network-guard.ts"],
    reporters: ["default", "./packages/server/test/support/dialect-reporter.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
