#!/usr/bin/env node
// The compiled CLI; `npm ci` builds it through the workspace's prepare script.
import { existsSync } from "node:fs";

const entry = new URL("../dist/app/main.js", import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write("error: fleetpatch is not built yet; run `npm run build` in the repository root\n");
  process.exit(1);
}
await import(entry.href);
