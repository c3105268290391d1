import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serveApp, type RunningServer } from "../serve.ts";
import { API_KEY, startFixture, type Fixture } from "../testing/fixtures.ts";

const BODY_BYTES = 8 * 1024 * 1024;

/** A body of `bytes` bytes, whole (sent with Content-Length) or as a stream (sent chunked). */
function oversized(chunked: boolean): BodyInit {
  if (!chunked) return Buffer.alloc(BODY_BYTES, "a");
  const chunk = new Uint8Array(64 * 1024).fill(97);
  let sent = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent >= BODY_BYTES) return controller.close();
      sent += chunk.length;
      controller.enqueue(chunk);
    },
  });
}

describe("an oversized request is answered 413 and its connection closed cleanly", () => {
  let fx: Fixture;
  let running: RunningServer;

  beforeAll(async () => {
    fx = await startFixture({ app: { maxBodyBytes: 4096 } });
    running = await serveApp({ fetch: fx.app.fetch, port: 0 });
  });
  afterAll(async () => {
    await running.close(0);
    await fx.close();
  });

  it.each([
    ["with a Content-Length", false],
    ["chunked", true],
  ])("20 concurrent real clients sending 8 MiB %s all read the 413, none sees a socket error", async (_, chunked) => {
    const outcomes = await Promise.all(
      Array.from({ length: 20 }, () =>
        fetch(`${running.url}/v2/auth/authenticate`, {
          method: "POST",
          headers: { "x-api-key": API_KEY, "content-type": "application/json" },
          body: oversized(chunked),
          duplex: "half",
        } as RequestInit).then(
          async (response) => ({ status: response.status, connection: response.headers.get("connection"), body: (await response.json()) as unknown }),
          (error: Error & { cause?: { code?: string } }) => ({ error: error.cause?.code ?? error.message }),
        ),
      ),
    );
    expect(outcomes.filter((o) => "error" in o)).toEqual([]);
    for (const outcome of outcomes) {
      expect(outcome).toEqual({ status: 413, connection: "close", body: { error: expect.objectContaining({ code: "payload_too_large" }) } });
    }
  });
});
