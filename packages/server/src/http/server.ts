import type { AppContext } from "../app-context.js";
import { buildApp } from "./app.js";

/** Start the HTTP server on the configured address; returns the base URL and a stop function. */
export async function startServer(context: AppContext): Promise<{ url: string; stop(): Promise<void> }> {
  const app = await buildApp(context);
  await app.listen({ host: context.config.http.host, port: context.config.http.port });
  const address = app.server.address();
  const port = typeof address === "object" && address ? address.port : context.config.http.port;
  const host = context.config.http.host.includes(":") ? `[${context.config.http.host}]` : context.config.http.host;
  return { url: `http://${host}:${port}`, stop: () => app.close() };
}
