import { UnavailableError } from "@fleetpatch/core";
import type { AppContext } from "../app-context.js";
import { buildApp } from "./app.js";

/** Start the HTTP server on the configured address; returns the base URL and a stop function. */
export async function startServer(context: AppContext): Promise<{ url: string; stop(): Promise<void> }> {
  const app = await buildApp(context);
  const { host, port: wanted } = context.config.http;
  try {
    await app.listen({ host, port: wanted });
  } catch (error) {
    await app.close();
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === "EADDRINUSE"
        ? "the address is already in use; choose another --port"
        : code === "EACCES"
          ? "permission denied; choose a port above 1023"
          : (error as Error).message;
    throw new UnavailableError(`cannot listen on ${host}:${wanted}: ${reason}`, { cause: error });
  }
  const bound = app.server.address();
  const port = typeof bound === "object" && bound ? bound.port : wanted;
  const urlHost = host.includes(":") ? `[${host}]` : host;
  return { url: `http://${urlHost}:${port}`, stop: () => app.close() };
}
