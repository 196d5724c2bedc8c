import { pino } from "pino";
import { loadConfig } from "../config/config.js";
import { createContext } from "./context.js";
import { buildApp } from "./http-app.js";

/** The OpenAPI document the code generates, rendered as committed in docs/openapi.json. */
export async function renderOpenApiDocument(): Promise<string> {
  const config = loadConfig({}, { db: ":memory:", logLevel: "silent" });
  const context = await createContext(config, { logger: pino({ level: "silent" }) });
  try {
    const app = await buildApp(context);
    const document = app.swagger();
    await app.close();
    return `${JSON.stringify(document, null, 2)}\n`;
  } finally {
    await context.close();
  }
}
