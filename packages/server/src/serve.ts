import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createAdaptorServer } from "@hono/node-server";
import { ConfigurationError } from "@langgraph-oauth/core";

/**
 * How long a connection may hold the server, and how many may at once.
 * Node's own defaults let a silent socket stay 60-90 s and accept without
 * bound; these keep a burst or a slow client from exhausting the process.
 */
export interface ConnectionLimits {
  /** Time to receive a request's headers; a socket that sends nothing is closed (408) after it. Default 10 s. */
  headersTimeoutMs?: number | undefined;
  /**
   * Time to receive a whole request (headers and body), not to answer it, so
   * long-polls are unaffected. At least headersTimeoutMs. Default 30 s.
   */
  requestTimeoutMs?: number | undefined;
  /** How long a kept-alive socket may wait idle for its next request. Default 5 s. */
  keepAliveTimeoutMs?: number | undefined;
  /** Connections held at once; more are closed on accept. Each open long-poll holds one. Default 2048. */
  maxConnections?: number | undefined;
}

type ResolvedLimits = { [K in keyof ConnectionLimits]-?: number };

export const DEFAULT_CONNECTION_LIMITS: Readonly<ResolvedLimits> = Object.freeze({
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  keepAliveTimeoutMs: 5_000,
  maxConnections: 2048,
});

export interface ServeOptions extends ConnectionLimits {
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

function resolveLimits(options: ConnectionLimits): ResolvedLimits {
  const limits = { ...DEFAULT_CONNECTION_LIMITS };
  for (const key of Object.keys(limits) as (keyof ConnectionLimits)[]) {
    const value = options[key];
    if (value === undefined) continue;
    if (!Number.isInteger(value) || value <= 0) throw new ConfigurationError(`serveApp: ${key} must be a positive integer; got ${value}.`);
    limits[key] = value;
  }
  if (limits.requestTimeoutMs < limits.headersTimeoutMs) {
    throw new ConfigurationError(`serveApp: requestTimeoutMs (${limits.requestTimeoutMs}) must be at least headersTimeoutMs (${limits.headersTimeoutMs}).`);
  }
  return limits;
}

/** Serves a fetch handler with @hono/node-server; resolves when listening, rejects on EADDRINUSE and the like. */
export async function serveApp(options: ServeOptions): Promise<RunningServer> {
  const host = options.host ?? "127.0.0.1";
  const limits = resolveLimits(options);
  const server = createAdaptorServer({
    fetch: options.fetch,
    serverOptions: {
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      keepAliveTimeout: limits.keepAliveTimeoutMs,
      // Node checks the two timeouts only this often (30 s by default), which is what let idle sockets stay 90 s.
      connectionsCheckingInterval: Math.min(1000, limits.headersTimeoutMs),
    },
  }) as Server;
  server.maxConnections = limits.maxConnections;
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
