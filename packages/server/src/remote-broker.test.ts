import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ConfigurationError,
  InvalidInputError,
  OAuthError,
  ProviderUnavailableError,
  TokenExchangeError,
  UnknownProviderError,
  CallbackError,
} from "@langgraph-oauth/core";
import { createRemoteBroker } from "./remote-broker.ts";
import { API_KEY, startFixture, type Fixture } from "./testing/fixtures.ts";

type Captured = { url: URL; method: string; headers: Headers; body: unknown };

/** A fetch that answers from a function and records what it was sent. */
function fakeFetch(answer: (req: Captured) => Response | Promise<Response>) {
  const seen: Captured[] = [];
  const fetch = async (input: string | URL | Request, init?: RequestInit) => {
    const request = new Request(input, init);
    const text = await request.text();
    const captured = { url: new URL(request.url), method: request.method, headers: request.headers, body: text ? JSON.parse(text) : undefined };
    seen.push(captured);
    return answer(captured);
  };
  return { fetch: fetch as typeof globalThis.fetch, seen };
}

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected a rejection");
}

describe("createRemoteBroker: construction", () => {
  it("refuses plain http off loopback (the API key and tokens travel on it) and a missing key", () => {
    expect(() => createRemoteBroker({ url: "http://auth.example.com", apiKey: API_KEY })).toThrow(ConfigurationError);
    expect(() => createRemoteBroker({ url: "http://auth.example.com", apiKey: API_KEY })).toThrow(/https/);
    expect(() => createRemoteBroker({ url: "not a url", apiKey: API_KEY })).toThrow(ConfigurationError);
    expect(() => createRemoteBroker({ url: "https://auth.example.com", apiKey: "" })).toThrow(/apiKey/);
    expect(createRemoteBroker({ url: "https://auth.example.com/base", apiKey: API_KEY }).url).toBe("https://auth.example.com/base/");
    expect(createRemoteBroker({ url: "http://localhost:8787", apiKey: API_KEY }).url).toBe("http://localhost:8787/");
  });
});

describe("createRemoteBroker: wire mapping", () => {
  it("sends snake_case with the API key, under the url's path", async () => {
    const { fetch, seen } = fakeFetch(() => json({ status: "completed", token: "tok", metadata: { scopes: ["a"], token_type: "Bearer" } }));
    const remote = createRemoteBroker({ url: "https://auth.example.com/prefix", apiKey: API_KEY, fetch });
    const result = await remote.authenticate({
      userId: "u",
      provider: "p",
      scopes: ["a"],
      agentId: "ag",
      threadId: "th",
      forceNew: true,
      metadata: { k: "v" },
    });
    expect(seen[0]?.method).toBe("POST");
    expect(seen[0]?.url.href).toBe("https://auth.example.com/prefix/v2/auth/authenticate");
    expect(seen[0]?.headers.get("x-api-key")).toBe(API_KEY);
    expect(seen[0]?.body).toEqual({ provider: "p", scopes: ["a"], user_id: "u", agent_id: "ag", thread_id: "th", metadata: { k: "v" }, force_new: true });
    expect(result).toEqual({
      status: "completed",
      token: "tok",
      credentials: { accessToken: "tok", tokenType: "Bearer", expiresAt: undefined, scopes: ["a"] },
      expiresAt: undefined,
      scopes: ["a"],
    });
  });

  it("reads LangSmith-style answers: connection_required / token_expired with url and auth_id are pending", async () => {
    let status = "connection_required";
    const { fetch } = fakeFetch(() => json({ status, url: "https://idp.example/authorize?x=1", auth_id: "a-1", token: null, user_id: "u" }));
    const remote = createRemoteBroker({ url: "https://auth.example.com", apiKey: API_KEY, fetch });
    const first = await remote.authenticate({ userId: "u", provider: "p", scopes: ["s"] });
    expect(first).toMatchObject({ status: "pending", authId: "a-1", url: "https://idp.example/authorize?x=1", reason: "connection_required", scopes: ["s"] });
    if (first.status !== "pending") throw new Error("expected pending");
    // No expiry in the answer: assume the usual ten minutes.
    expect(Date.parse(first.expiresAt) - Date.now()).toBeGreaterThan(9 * 60_000);
    status = "token_expired";
    expect(await remote.authenticate({ userId: "u", provider: "p", scopes: ["s"] })).toMatchObject({ status: "pending", reason: "token_expired" });
  });

  it("an answer that does not match the API is a ConfigurationError, not a crash", async () => {
    for (const body of [{ status: "completed" }, { status: "pending" }, { hello: "world" }, "not json"]) {
      const { fetch } = fakeFetch(() => (typeof body === "string" ? new Response(body) : json(body)));
      const remote = createRemoteBroker({ url: "https://auth.example.com", apiKey: API_KEY, fetch });
      expect(await rejection(remote.authenticate({ userId: "u", provider: "p", scopes: [] }))).toBeInstanceOf(ConfigurationError);
    }
  });

  it.each([
    [503, { error: { code: "provider_unavailable", message: "down" } }, ProviderUnavailableError, "provider_unavailable"],
    [500, { error: { code: "internal_error", message: "Internal server error." } }, ProviderUnavailableError, "provider_unavailable"],
    [502, "<html>bad gateway</html>", ProviderUnavailableError, "provider_unavailable"],
    [404, { error: { code: "unknown_provider", message: 'Unknown OAuth provider "p".' } }, UnknownProviderError, "unknown_provider"],
    [422, { detail: [{ loc: ["body", "scopes"], msg: "Field required", type: "missing" }] }, InvalidInputError, "invalid_input"],
    [422, { detail: [], error: { code: "invalid_input", message: "scopes: Field required" } }, InvalidInputError, "invalid_input"],
    [401, { error: { code: "unauthorized", message: "The API key is not valid." } }, ConfigurationError, "invalid_configuration"],
    [404, { error: { code: "api_disabled", message: "disabled" } }, ConfigurationError, "invalid_configuration"],
    [401, "", ConfigurationError, "invalid_configuration"],
    [502, { error: { code: "token_exchange_failed", message: "refused" } }, TokenExchangeError, "token_exchange_failed"],
    [409, { error: { code: "callback_state_replayed", message: "used" } }, CallbackError, "callback_state_replayed"],
    [500, { error: { code: "decryption_failed", message: "key" } }, OAuthError, "decryption_failed"],
  ])("HTTP %i %j → %o", async (status, body, type, code) => {
    const { fetch } = fakeFetch(() => (typeof body === "string" ? new Response(body, { status }) : json(body, status)));
    const remote = createRemoteBroker({ url: "https://auth.example.com", apiKey: API_KEY, fetch });
    const error = await rejection(remote.authenticate({ userId: "u", provider: "p", scopes: [] }));
    expect(error).toBeInstanceOf(type);
    expect((error as OAuthError).code).toBe(code);
  });

  it("keeps the server's message on an unknown provider", async () => {
    const { fetch } = fakeFetch(() => json({ error: { code: "unknown_provider", message: 'Unknown OAuth provider "zz"; known: dev.' } }, 404));
    const error = await rejection(createRemoteBroker({ url: "https://a.example", apiKey: API_KEY, fetch }).authenticate({ userId: "u", provider: "zz", scopes: [] }));
    expect((error as Error).message).toBe('Unknown OAuth provider "zz"; known: dev.');
  });

  it("network failures and timeouts are retryable ProviderUnavailableError (never a consent prompt)", async () => {
    const down = createRemoteBroker({ url: "http://127.0.0.1:1", apiKey: API_KEY });
    const error = await rejection(down.authenticate({ userId: "u", provider: "p", scopes: [] }));
    expect(error).toBeInstanceOf(ProviderUnavailableError);
    expect((error as OAuthError).retryable).toBe(true);

    // A server that never answers: the request timeout ends it.
    const hanging = ((_input: RequestInfo | URL, init?: RequestInit) =>
      new Promise<Response>((_resolve, reject) => init?.signal?.addEventListener("abort", () => reject(init.signal?.reason)))) as typeof globalThis.fetch;
    const slow = createRemoteBroker({ url: "https://a.example", apiKey: API_KEY, fetch: hanging, requestTimeoutMs: 50 });
    const late = await rejection(slow.authenticate({ userId: "u", provider: "p", scopes: [] }));
    expect(late).toBeInstanceOf(ProviderUnavailableError);
    expect((late as Error).message).toContain("did not answer in time");
  });

  it("revoke sends DELETE /v2/auth/tokens with the ref as query", async () => {
    const { fetch, seen } = fakeFetch(() => json({ status: "deleted", providers: ["p"] }));
    await createRemoteBroker({ url: "https://a.example", apiKey: API_KEY, fetch }).revoke({ userId: "u 1", provider: "p", agentId: "ag" });
    expect(seen[0]?.method).toBe("DELETE");
    expect(seen[0]?.url.pathname).toBe("/v2/auth/tokens");
    expect(Object.fromEntries(seen[0]?.url.searchParams ?? [])).toEqual({ user_id: "u 1", provider: "p", agent_id: "ag" });
  });
});

describe("createRemoteBroker: waitForCompletion against the app", () => {
  let fx: Fixture;
  beforeAll(async () => {
    fx = await startFixture();
  });
  afterAll(() => fx.close());

  const through = (app: Fixture["app"]) => {
    let requests = 0;
    const fetch = ((input: RequestInfo | URL, init?: RequestInit) => {
      requests += 1;
      return app.fetch(new Request(input, init));
    }) as typeof globalThis.fetch;
    return { fetch, count: () => requests };
  };

  it("not_found, and a wait longer than one chunk is several long-polls ending in timeout", async () => {
    const { fetch, count } = through(fx.app);
    const remote = createRemoteBroker({ url: "http://127.0.0.1:8787", apiKey: API_KEY, fetch, waitChunkSeconds: 1 });
    expect(await remote.waitForCompletion("auth_nope", { timeoutMs: 5000 })).toEqual({ status: "not_found" });
    const pending = await remote.authenticate({ userId: "r1", provider: "dev", scopes: ["repo"] });
    if (pending.status !== "pending") throw new Error("expected pending");
    const before = count();
    expect(await remote.waitForCompletion(pending.authId, { timeoutMs: 2200 })).toEqual({ status: "timeout" });
    expect(count() - before).toBe(3);
  });

  it("an expired auth answers timeout at once and the client does not spin", async () => {
    const { fetch, count } = through(fx.app);
    const remote = createRemoteBroker({ url: "http://127.0.0.1:8787", apiKey: API_KEY, fetch });
    const pending = await remote.authenticate({ userId: "r2", provider: "dev", scopes: ["repo"] });
    if (pending.status !== "pending") throw new Error("expected pending");
    fx.clock.offsetMs = 11 * 60_000;
    try {
      const before = count();
      expect(await remote.waitForCompletion(pending.authId, { timeoutMs: 10_000 })).toEqual({ status: "timeout" });
      expect(count() - before).toBe(1);
    } finally {
      fx.clock.offsetMs = 0;
    }
  });

  it("an aborted signal rejects with its reason", async () => {
    const { fetch } = through(fx.app);
    const remote = createRemoteBroker({ url: "http://127.0.0.1:8787", apiKey: API_KEY, fetch });
    const pending = await remote.authenticate({ userId: "r3", provider: "dev", scopes: ["repo"] });
    if (pending.status !== "pending") throw new Error("expected pending");
    const controller = new AbortController();
    const waiting = remote.waitForCompletion(pending.authId, { timeoutMs: 30_000, signal: controller.signal });
    const reason = new Error("user cancelled");
    setTimeout(() => controller.abort(reason), 50);
    expect(await rejection(waiting)).toBe(reason);
  });

  it("errors from the real app come back typed", async () => {
    const { fetch } = through(fx.app);
    const remote = createRemoteBroker({ url: "http://127.0.0.1:8787", apiKey: API_KEY, fetch });
    expect(await rejection(remote.authenticate({ userId: "u", provider: "nope", scopes: [] }))).toBeInstanceOf(UnknownProviderError);
    expect(await rejection(remote.authenticate({ userId: "u", provider: "dev", scopes: ["two words"] }))).toBeInstanceOf(InvalidInputError);
    expect(await rejection(remote.revoke({ userId: "u", provider: "nope" }))).toBeInstanceOf(UnknownProviderError);
    const wrongKey = createRemoteBroker({ url: "http://127.0.0.1:8787", apiKey: "wrong-key-wrong-key", fetch });
    expect(await rejection(wrongKey.authenticate({ userId: "u", provider: "dev", scopes: [] }))).toBeInstanceOf(ConfigurationError);
  });
});
