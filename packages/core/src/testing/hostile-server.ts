import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/** What the server answers next: status, headers and a raw body (any bytes, any size). */
export interface CannedResponse {
  status: number;
  headers?: Record<string, string>;
  body: string;
}

export interface HostileServer {
  /** `http://127.0.0.1:port`, a loopback origin the OAuth client accepts without TLS. */
  readonly origin: string;
  /** The answer for every request until changed. */
  respond(response: CannedResponse): void;
  /** Each request's path and body, in order. */
  readonly requests: { path: string; headers: IncomingMessage["headers"]; body: string }[];
  close(): Promise<void>;
}

/**
 * A real HTTP server on 127.0.0.1 that answers every request with whatever
 * the test set last: a stand-in for a broken or malicious authorization
 * server, for property tests of discovery and the token exchange.
 */
export async function startHostileServer(): Promise<HostileServer> {
  let next: CannedResponse = { status: 404, body: "" };
  const requests: HostileServer["requests"] = [];
  const server: Server = createServer((req, res) => {
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (chunk: string) => (body += chunk));
    req.on("end", () => {
      requests.push({ path: req.url ?? "", headers: req.headers, body });
      res.writeHead(next.status, next.headers ?? {});
      res.end(next.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    respond(response) {
      next = response;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
