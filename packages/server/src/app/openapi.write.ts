import { writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { renderOpenApiDocument } from "./openapi.js";

/** `npm run openapi`: regenerate docs/openapi.json from the route schemas. */
const target = fileURLToPath(new URL("../../../../docs/openapi.json", import.meta.url));
await writeFile(target, await renderOpenApiDocument());
process.stdout.write(`wrote ${target}\n`);
