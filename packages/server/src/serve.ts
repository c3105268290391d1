import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createAdaptorServer } from "@hono/node-server";

export interface ServeOptions {
  /** `app.fetch` of a Hono app (createOAuthApp). */
  fetch: (request: Request) => Response | Promise<Response>;
  /** Default 8787; 0 lets the OS pick a free port. */
  port?: number | undefined;
  /** Default 127.0.0.1: the API hands out tokens, so listening on every interface must be a choice. */
  host?: string | undefined;
}

export interface RunningServer {
  /** `http://host:port`, with the real port when 0 was asked. */
  readonly url: string;
  readonly port: number;
  readonly server: Server;
  /**
   * Stops accepting connections, lets requests in flight finish, and after
   * `graceMs` (default 5 s) cuts the rest. Resolves once the server is closed.
   */
  close(graceMs?: number): Promise<void>;
}

function urlHost(host: string): string {
  return host.includes(":") && !host.startsWith("[") ? `[${host}]` : host;
}

/** Serves a fetch handler with @hono/node-server; resolves when listening, rejects on EADDRINUSE and the like. */
export async function serveApp(options: ServeOptions): Promise<RunningServer> {
  const host = options.host ?? "127.0.0.1";
  const server = createAdaptorServer({ fetch: options.fetch }) as Server;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 8787, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${urlHost(host)}:${port}`,
    port,
    server,
    close(graceMs = 5000) {
      closing ??= new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeIdleConnections();
        const cut = setTimeout(() => server.closeAllConnections(), graceMs);
        cut.unref();
        server.once("close", () => clearTimeout(cut));
      });
      return closing;
    },
  };
}
