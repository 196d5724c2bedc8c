import { UnavailableError } from "@fleetpatch/core";
import type { FastifyInstance } from "fastify";

/** A listening server: its base URL and how to stop it. */
export interface RunningServer {
  readonly url: string;
  stop(): Promise<void>;
}

/** Listen on `host:port` (0 picks a free port); a taken or forbidden port is a one-line error, not a crash. */
export async function listen(app: FastifyInstance, address: { host: string; port: number }): Promise<RunningServer> {
  const { host, port: wanted } = address;
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
