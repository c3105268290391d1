import { connect, type Socket } from "node:net";
import { describe, expect, it } from "vitest";
import { ConfigurationError } from "@langgraph-oauth/core";
import { DEFAULT_CONNECTION_LIMITS, serveApp } from "./serve.ts";

const hello = () => new Response("hello");

/** A raw TCP client; `closed` resolves when the server ends the connection. */
function open(port: number): Promise<{ socket: Socket; closed: Promise<string> }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1");
    let received = "";
    socket.setEncoding("utf8");
    socket.on("data", (chunk: string) => (received += chunk));
    const closed = new Promise<string>((done) => socket.on("close", () => done(received)));
    socket.once("connect", () => resolve({ socket, closed }));
    socket.once("error", reject);
  });
}

describe("serveApp bounds what a connection may hold", () => {
  it("the limits reach the node server, with sane defaults", async () => {
    const defaults = await serveApp({ fetch: hello, port: 0 });
    const custom = await serveApp({ fetch: hello, port: 0, headersTimeoutMs: 4000, requestTimeoutMs: 9000, keepAliveTimeoutMs: 2000, maxConnections: 7 });
    try {
      expect(DEFAULT_CONNECTION_LIMITS).toEqual({ headersTimeoutMs: 10_000, requestTimeoutMs: 30_000, keepAliveTimeoutMs: 5_000, maxConnections: 2048 });
      for (const [running, limits] of [
        [defaults, DEFAULT_CONNECTION_LIMITS],
        [custom, { headersTimeoutMs: 4000, requestTimeoutMs: 9000, keepAliveTimeoutMs: 2000, maxConnections: 7 }],
      ] as const) {
        expect({
          headersTimeoutMs: running.server.headersTimeout,
          requestTimeoutMs: running.server.requestTimeout,
          keepAliveTimeoutMs: running.server.keepAliveTimeout,
          maxConnections: running.server.maxConnections,
        }).toEqual(limits);
      }
    } finally {
      await Promise.all([defaults.close(0), custom.close(0)]);
    }
  });

  it("a socket that never sends a request is closed once headersTimeout passes", async () => {
    const running = await serveApp({ fetch: hello, port: 0, headersTimeoutMs: 300, requestTimeoutMs: 600 });
    try {
      const idle = await open(running.port);
      // Node answers a header timeout with 408 and closes.
      expect(await idle.closed).toMatch(/^HTTP\/1\.1 408/);
    } finally {
      await running.close(0);
    }
  });

  it("a kept-alive socket idle after its answer is closed once keepAliveTimeout passes", async () => {
    const running = await serveApp({ fetch: hello, port: 0, keepAliveTimeoutMs: 200 });
    try {
      const client = await open(running.port);
      client.socket.write("GET / HTTP/1.1\r\nHost: x\r\nConnection: keep-alive\r\n\r\n");
      expect(await client.closed).toMatch(/^HTTP\/1\.1 200[\s\S]*hello$/);
    } finally {
      await running.close(0);
    }
  });

  it("an answer that takes longer than requestTimeout still arrives (long-polls are not cut)", async () => {
    // The handler holds the answer past several of Node's connection checks, as GET /v2/auth/wait does.
    const slow = () => new Promise<Response>((resolve) => setTimeout(() => resolve(new Response("late")), 1500));
    const running = await serveApp({ fetch: slow, port: 0, headersTimeoutMs: 200, requestTimeoutMs: 300 });
    try {
      const response = await fetch(running.url);
      expect(await response.text()).toBe("late");
    } finally {
      await running.close(0);
    }
  });

  it("connections beyond maxConnections are refused, the ones held keep working", async () => {
    const running = await serveApp({ fetch: hello, port: 0, maxConnections: 2 });
    try {
      const held = [await open(running.port), await open(running.port)];
      const extra = await open(running.port);
      expect(await extra.closed).toBe("");
      held[0]!.socket.write("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
      expect(await held[0]!.closed).toMatch(/hello$/);
      held[1]!.socket.destroy();
    } finally {
      await running.close(0);
    }
  });

  it.each([
    [{ headersTimeoutMs: 0 }, "headersTimeoutMs"],
    [{ maxConnections: 1.5 }, "maxConnections"],
    [{ keepAliveTimeoutMs: -1 }, "keepAliveTimeoutMs"],
    [{ headersTimeoutMs: 5000, requestTimeoutMs: 1000 }, "requestTimeoutMs"],
  ])("refuses %o with a ConfigurationError naming %s", async (limits, name) => {
    const failure = serveApp({ fetch: hello, port: 0, ...limits });
    await expect(failure).rejects.toBeInstanceOf(ConfigurationError);
    await expect(failure).rejects.toThrow(name);
  });
});
