import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

/** One request as the stand-in received it. */
export interface StandInRequest {
  path: string;
  /** The raw form body. */
  body: string;
  authorization: string | undefined;
  accept: string | undefined;
}

/**
 * A local HTTP server on 127.0.0.1 that answers a token endpoint the way a
 * given provider documents it, for providers that cannot run here. Each
 * path gets its own canned answer, so one server serves a whole test file.
 */
export interface TokenEndpointStandIn {
  /** "http://127.0.0.1:{port}" */
  readonly base: string;
  /** Every request received, oldest first. */
  readonly seen: readonly StandInRequest[];
  /** What `path` answers from now on; unknown paths answer 404. */
  answer(path: string, status: number, body: unknown): void;
  /** The last request to `path`; fails the test when there was none. */
  lastAt(path: string): StandInRequest;
  close(): Promise<void>;
}

export async function startTokenEndpointStandIn(): Promise<TokenEndpointStandIn> {
  const seen: StandInRequest[] = [];
  const answers = new Map<string, { status: number; body: unknown }>();
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk) => (body += chunk));
    req.on("end", () => {
      const path = req.url ?? "";
      seen.push({ path, body, authorization: req.headers.authorization, accept: req.headers.accept });
      const answer = answers.get(path) ?? { status: 404, body: {} };
      res.writeHead(answer.status, { "content-type": "application/json" });
      res.end(JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    answer(path, status, body) {
      answers.set(path, { status, body });
    },
    lastAt(path) {
      const request = seen.findLast((r) => r.path === path);
      if (!request) throw new Error(`the stand-in received no request at ${path}`);
      return request;
    },
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
