import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOAuthApp } from "../app.ts";
import { API_KEY, auth, Canary, CLIENT, jsonHeaders, startFixture, type Fixture } from "../testing/fixtures.ts";

interface Answer {
  status: number;
  headers: Headers;
  body: Record<string, unknown>;
}

/** The broker, with the name of every method called on it pushed to `calls`. */
function recordCalls<T extends object>(broker: T, calls: string[]): T {
  return new Proxy(broker, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver) as unknown;
      if (typeof value !== "function") return value;
      return (...args: unknown[]) => {
        calls.push(String(prop));
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
}

describe("/v2/auth API", () => {
  let fx: Fixture;
  const canary = new Canary();

  beforeAll(async () => {
    fx = await startFixture({ providerIds: ["dev", "dev2"], app: { maxBodyBytes: 4096, maxWaitSeconds: 2 } });
  });
  afterAll(() => fx.close());

  async function call(path: string, init: RequestInit = {}): Promise<Answer> {
    const response = await fx.app.request(path, { ...init, headers: { ...auth, ...(init.headers as Record<string, string>) } });
    const text = await response.text();
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("referrer-policy")).toBe("no-referrer");
    expect(response.headers.get("x-frame-options")).toBe("DENY");
    const body = JSON.parse(text) as Record<string, unknown>;
    // Error bodies must never carry a code, state, token or secret, nor a stack trace.
    if (response.status >= 400) {
      canary.check([text, response.headers]);
      expect(text).not.toMatch(/\n\s+at /);
    }
    return { status: response.status, headers: response.headers, body };
  }

  const post = (path: string, body: unknown, headers: Record<string, string> = jsonHeaders) =>
    call(path, { method: "POST", headers, body: typeof body === "string" ? body : JSON.stringify(body) });

  /** An auth through the API and the provider's redirect after consent. */
  async function consented(userId: string, decision: "approve" | "deny" = "approve") {
    const started = await post("/v2/auth/authenticate", { provider: "dev", scopes: ["repo"], user_id: userId });
    expect(started.body["status"]).toBe("pending");
    const redirect = await fx.dev.consent(started.body["url"] as string, { user: userId, decision });
    canary.addRedirect(redirect);
    const url = new URL(redirect);
    return {
      authId: started.body["auth_id"] as string,
      code: url.searchParams.get("code"),
      state: url.searchParams.get("state"),
      iss: url.searchParams.get("iss"),
      redirect,
    };
  }

  const stored = (userId: string, provider = "dev") => fx.store.getToken({ userId, provider });
  const detailOf = (answer: Answer) => answer.body["detail"] as { loc: (string | number)[]; msg: string; type: string }[];

  describe("POST /authenticate", () => {
    it("pending: status, url, auth_id, user_id, metadata (reason, expiry, scopes); all spec fields present", async () => {
      const answer = await post("/v2/auth/authenticate", {
        provider: "dev",
        scopes: ["repo"],
        user_id: "a1",
        agent_id: "agent-7",
        force_new: false,
        is_default: true,
        use_agent_builder_public_oauth: false,
        thread_id: "t-1",
        metadata: { tool_call_id: "call_1" },
      });
      expect(answer.status).toBe(200);
      expect(Object.keys(answer.body).sort()).toEqual(["auth_id", "metadata", "status", "token", "url", "user_id"]);
      expect(answer.body).toMatchObject({ status: "pending", token: null, user_id: "a1" });
      const meta = answer.body["metadata"] as Record<string, unknown>;
      expect(meta).toMatchObject({ provider: "dev", reason: "connection_required", scopes: ["repo"] });
      expect(Date.parse(meta["expires_at"] as string)).toBeGreaterThan(Date.now());
      const info = await fx.broker.getAuth(answer.body["auth_id"] as string);
      expect(info).toMatchObject({ userId: "a1", agentId: "agent-7", threadId: "t-1", metadata: { tool_call_id: "call_1" } });
      expect(new URL(answer.body["url"] as string).origin).toBe(fx.dev.issuer);
    });

    it("ls_user_id stands in for a missing user_id", async () => {
      const answer = await post("/v2/auth/authenticate", { provider: "dev", scopes: [], ls_user_id: "ls-1" });
      expect(answer.status).toBe(200);
      expect(answer.body["user_id"]).toBe("ls-1");
    });

    it("force_new starts a new consent although a token is stored", async () => {
      const { code, state } = await consented("a-force");
      expect((await post("/v2/auth/callback/dev", { code, state })).status).toBe(200);
      const plain = await post("/v2/auth/authenticate", { provider: "dev", scopes: ["repo"], user_id: "a-force" });
      expect(plain.body["status"]).toBe("completed");
      canary.add(plain.body["token"] as string);
      const forced = await post("/v2/auth/authenticate", { provider: "dev", scopes: ["repo"], user_id: "a-force", force_new: true });
      expect(forced.body).toMatchObject({ status: "pending", token: null });
    });

    it("completed: token, metadata with scopes, expiry and token type; agent-scoped tokens stay scoped", async () => {
      const started = await post("/v2/auth/authenticate", { provider: "dev", scopes: ["repo"], user_id: "a-agent", agent_id: "agent-1" });
      const redirect = await fx.dev.consent(started.body["url"] as string, { user: "a-agent" });
      canary.addRedirect(redirect);
      expect((await fx.app.request(new URL(redirect).pathname + new URL(redirect).search)).status).toBe(200);
      const done = await post("/v2/auth/authenticate", { provider: "dev", scopes: ["repo"], user_id: "a-agent", agent_id: "agent-1" });
      expect(done.body).toMatchObject({ status: "completed", url: null, auth_id: null, user_id: "a-agent", metadata: { provider: "dev" } });
      canary.add(done.body["token"] as string);
      const meta = done.body["metadata"] as Record<string, unknown>;
      expect(meta["scopes"]).toContain("repo");
      expect(String(meta["token_type"]).toLowerCase()).toBe("bearer");
      expect(Date.parse(meta["expires_at"] as string)).toBeGreaterThan(Date.now());
      const otherAgent = await post("/v2/auth/authenticate", { provider: "dev", scopes: ["repo"], user_id: "a-agent", agent_id: "agent-2" });
      expect(otherAgent.body).toMatchObject({ status: "pending", token: null });
      const userOwn = await post("/v2/auth/authenticate", { provider: "dev", scopes: ["repo"], user_id: "a-agent" });
      expect(userOwn.body).toMatchObject({ status: "pending", token: null });
    });

    it.each([
      ["missing provider", { scopes: [], user_id: "x" }, ["body", "provider"], "missing"],
      ["missing scopes", { provider: "dev", user_id: "x" }, ["body", "scopes"], "missing"],
      ["scopes not a list", { provider: "dev", scopes: "repo", user_id: "x" }, ["body", "scopes"], "invalid_type"],
      ["a scope with a space", { provider: "dev", scopes: ["a b"], user_id: "x" }, ["body", "scopes", 0], "invalid_format"],
      ["force_new not a boolean", { provider: "dev", scopes: [], user_id: "x", force_new: "yes" }, ["body", "force_new"], "invalid_type"],
      ["token_id not a uuid", { provider: "dev", scopes: [], user_id: "x", token_id: "abc" }, ["body", "token_id"], "invalid_format"],
      ["token_id (unsupported)", { provider: "dev", scopes: [], user_id: "x", token_id: "6f1c1e7e-59b8-4a4c-9f0e-2b8a3c1d4e5f" }, ["body", "token_id"], "unsupported"],
      ["no user", { provider: "dev", scopes: [] }, ["body", "user_id"], "missing"],
      ["empty user_id", { provider: "dev", scopes: [], user_id: "" }, ["body", "user_id"], "too_small"],
      ["user_id with NUL", { provider: "dev", scopes: [], user_id: "a\u0000b" }, ["body", "user_id"], "custom"],
      ["a body that is not an object", [1, 2], ["body"], "invalid_type"],
    ])("422 HTTPValidationError: %s", async (_name, body, loc, type) => {
      const answer = await post("/v2/auth/authenticate", body);
      expect(answer.status).toBe(422);
      expect(detailOf(answer)).toContainEqual(expect.objectContaining({ loc, type, msg: expect.any(String) }));
      expect(answer.body["error"]).toMatchObject({ code: "invalid_input" });
    });

    it("malformed JSON is 422 (not 400) and the parser's excerpt of the body is not echoed", async () => {
      const secretish = "CANARY-IN-BROKEN-JSON";
      canary.add(secretish);
      const answer = await post("/v2/auth/authenticate", `{"provider": "dev", "code": "${secretish}"`);
      expect(answer.status).toBe(422);
      expect(detailOf(answer)).toEqual([{ loc: ["body"], msg: "The body is not valid JSON.", type: "json_invalid" }]);
    });

    it("a non-JSON content type is 422", async () => {
      const answer = await post("/v2/auth/authenticate", "provider=dev", { ...auth, "content-type": "application/x-www-form-urlencoded" });
      expect(answer.status).toBe(422);
      expect(detailOf(answer)[0]).toMatchObject({ loc: ["body"], type: "content_type" });
    });

    it("an oversize body is 413 payload_too_large, with or without Content-Length, and creates nothing", async () => {
      const big = JSON.stringify({ provider: "dev", scopes: [], user_id: "big", metadata: { pad: "x".repeat(1000) }, pad: "y".repeat(5000) });
      const answer = await post("/v2/auth/authenticate", big);
      expect(answer.status).toBe(413);
      expect(answer.body).toEqual({ error: { code: "payload_too_large", message: expect.stringContaining("4096") } });
      // Chunked (no Content-Length): the limit is enforced while reading.
      const chunks = new ReadableStream<Uint8Array>({
        start(controller) {
          for (let i = 0; i < 10; i++) controller.enqueue(new TextEncoder().encode("x".repeat(1000)));
          controller.close();
        },
      });
      const streamed = await fx.app.request("/v2/auth/authenticate", { method: "POST", headers: jsonHeaders, body: chunks, duplex: "half" } as RequestInit);
      expect(streamed.status).toBe(413);
    });

    it("unknown provider: 404 unknown_provider, no pending auth created", async () => {
      const answer = await post("/v2/auth/authenticate", { provider: "github", scopes: [], user_id: "u" });
      expect(answer.status).toBe(404);
      expect(answer.body).toEqual({ error: { code: "unknown_provider", message: expect.stringContaining("github") } });
    });
  });

  describe("API key", () => {
    it("missing key: 401 unauthorized with a WWW-Authenticate challenge, before the body is read", async () => {
      const response = await fx.app.request("/v2/auth/authenticate", { method: "POST", body: "{not json" });
      expect(response.status).toBe(401);
      expect(response.headers.get("www-authenticate")).toContain("Bearer");
      expect(await response.json()).toEqual({ error: { code: "unauthorized", message: expect.stringContaining("X-Api-Key") } });
    });

    it.each([
      ["a wrong key of the same length", { "x-api-key": API_KEY.replace(/.$/, "X") }],
      ["a prefix of the key", { "x-api-key": API_KEY.slice(0, 10) }],
      ["the key plus a suffix", { "x-api-key": `${API_KEY}0` }],
      ["a wrong bearer", { authorization: "Bearer nope-nope-nope-nope" }],
      ["the key as Basic", { authorization: `Basic ${API_KEY}` }],
    ])("%s: 401", async (_name, headers) => {
      const response = await fx.app.request("/v2/auth/providers", { headers });
      expect(response.status).toBe(401);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe("unauthorized");
    });

    it("accepts X-Api-Key and Authorization: Bearer", async () => {
      expect((await fx.app.request("/v2/auth/providers", { headers: { "x-api-key": API_KEY } })).status).toBe(200);
      expect((await fx.app.request("/v2/auth/providers", { headers: { authorization: `Bearer ${API_KEY}` } })).status).toBe(200);
    });

    it("no apiKey configured: every /v2 route is 404 api_disabled, even with a key; the callback route still works", async () => {
      const closed = createOAuthApp({ broker: fx.broker });
      for (const [method, path] of [
        ["GET", "/v2/auth/providers"],
        ["POST", "/v2/auth/authenticate"],
        ["GET", "/v2/auth/wait/x"],
        ["DELETE", "/v2/auth/tokens?user_id=a"],
      ] as const) {
        const response = await closed.request(path, { method, headers: { "x-api-key": API_KEY } });
        expect(response.status).toBe(404);
        expect(((await response.json()) as { error: { code: string; message: string } }).error).toMatchObject({
          code: "api_disabled",
          message: expect.stringContaining("LANGGRAPH_OAUTH_API_KEY"),
        });
      }
      expect((await closed.request("/oauth/callback/dev?state=x&code=y")).status).toBe(400);
    });

    it("refuses short or blank keys at start-up", () => {
      expect(() => createOAuthApp({ broker: fx.broker, apiKey: "short" })).toThrow(/at least 16/);
      expect(() => createOAuthApp({ broker: fx.broker, apiKey: " ".repeat(20) })).toThrow(/at least 16/);
      expect(() => createOAuthApp({ broker: fx.broker, apiKey: "" })).toThrow(/at least 16/);
    });
  });

  describe("GET /wait/:auth_id", () => {
    it("timeout=0 polls (pending); an unknown id is not_found; a wait that runs out is timeout", async () => {
      const { body } = await post("/v2/auth/authenticate", { provider: "dev", scopes: ["repo"], user_id: "w1" });
      const id = body["auth_id"] as string;
      expect((await call(`/v2/auth/wait/${id}?timeout=0`)).body).toEqual({ status: "pending", token: null });
      expect((await call("/v2/auth/wait/auth_unknown?timeout=0")).body).toEqual({ status: "not_found", token: null });
      const started = Date.now();
      expect((await call(`/v2/auth/wait/${id}?timeout=1`)).body).toEqual({ status: "timeout", token: null });
      expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    });

    it("clamps a timeout above maxWaitSeconds instead of holding the request", async () => {
      const { body } = await post("/v2/auth/authenticate", { provider: "dev", scopes: ["repo"], user_id: "w-clamp" });
      const started = Date.now();
      expect((await call(`/v2/auth/wait/${body["auth_id"] as string}?timeout=999999`)).body).toEqual({ status: "timeout", token: null });
      expect(Date.now() - started).toBeLessThan(4000);
    });

    it.each(["abc", "-1", "1.5", "", "1e3"])("timeout=%j is 422", async (value) => {
      const answer = await call(`/v2/auth/wait/x?timeout=${value}`);
      expect(answer.status).toBe(422);
      expect(detailOf(answer)[0]?.loc).toEqual(["query", "timeout"]);
    });

    it("a repeated timeout parameter is 422", async () => {
      const answer = await call("/v2/auth/wait/x?timeout=1&timeout=2");
      expect(answer.status).toBe(422);
    });

    it("completed returns the token of the auth's own user; denied is reported as denied", async () => {
      const ok = await consented("w-ok");
      expect((await post("/v2/auth/callback/dev", { code: ok.code, state: ok.state })).status).toBe(200);
      const done = await call(`/v2/auth/wait/${ok.authId}`);
      expect(done.body["status"]).toBe("completed");
      canary.add(done.body["token"] as string);
      const me = await fetch(`${fx.dev.apiUrl}/me`, { headers: { authorization: `Bearer ${done.body["token"] as string}` } });
      expect(((await me.json()) as { sub: string }).sub).toBe("w-ok");

      const no = await consented("w-no", "deny");
      const denied = await fx.app.request(new URL(no.redirect).pathname + new URL(no.redirect).search);
      expect(denied.status).toBe(200);
      expect((await call(`/v2/auth/wait/${no.authId}`)).body).toEqual({ status: "denied", token: null });
    });

    it("a completed auth whose token was revoked since answers completed without a token", async () => {
      const { authId, code, state } = await consented("w-revoked");
      expect((await post("/v2/auth/callback/dev", { code, state })).status).toBe(200);
      expect((await call("/v2/auth/tokens?user_id=w-revoked&provider=dev", { method: "DELETE" })).status).toBe(200);
      expect((await call(`/v2/auth/wait/${authId}`)).body).toEqual({ status: "completed", token: null });
    });

    it("an aborted app signal answers open waits at once with timeout", async () => {
      const shutdown = new AbortController();
      const app = createOAuthApp({ broker: fx.broker, apiKey: API_KEY, signal: shutdown.signal });
      const { body } = await post("/v2/auth/authenticate", { provider: "dev", scopes: ["repo"], user_id: "w-shutdown" });
      const started = Date.now();
      const waiting = app.request(`/v2/auth/wait/${body["auth_id"] as string}?timeout=60`, { headers: auth });
      setTimeout(() => shutdown.abort(), 100);
      const response = await waiting;
      expect(await response.json()).toEqual({ status: "timeout", token: null });
      expect(Date.now() - started).toBeLessThan(5000);
    });
  });

  describe("POST /callback/:provider_id", () => {
    it("completes with {code, state} (and the optional iss); the answer has no token", async () => {
      const { authId, code, state, iss } = await consented("c-ok");
      const answer = await post("/v2/auth/callback/dev", { code, state, iss });
      expect(answer.status).toBe(200);
      expect(answer.body).toEqual({ status: "completed", auth_id: authId, provider: "dev", user_id: "c-ok" });
      expect(await stored("c-ok")).toBeDefined();
      canary.check(JSON.stringify(answer.body));
    });

    it("replayed: 409 callback_state_replayed", async () => {
      const { code, state } = await consented("c-replay");
      expect((await post("/v2/auth/callback/dev", { code, state })).status).toBe(200);
      const again = await post("/v2/auth/callback/dev", { code, state });
      expect(again.status).toBe(409);
      expect((again.body["error"] as { code: string }).code).toBe("callback_state_replayed");
    });

    it("expired: 410 callback_state_expired, nothing stored", async () => {
      const { code, state } = await consented("c-expired");
      fx.clock.offsetMs = 11 * 60_000;
      try {
        const answer = await post("/v2/auth/callback/dev", { code, state });
        expect(answer.status).toBe(410);
        expect((answer.body["error"] as { code: string }).code).toBe("callback_state_expired");
      } finally {
        fx.clock.offsetMs = 0;
      }
      expect(await stored("c-expired")).toBeUndefined();
    });

    it("unknown state: 400 callback_state_unknown; foreign state: 400 callback_provider_mismatch; nothing stored", async () => {
      const { code, state } = await consented("c-foreign");
      const unknown = await post("/v2/auth/callback/dev", { code, state: "forged-state-value" });
      expect(unknown.status).toBe(400);
      expect((unknown.body["error"] as { code: string }).code).toBe("callback_state_unknown");
      const foreign = await post("/v2/auth/callback/dev2", { code, state });
      expect(foreign.status).toBe(400);
      expect((foreign.body["error"] as { code: string }).code).toBe("callback_provider_mismatch");
      expect(await stored("c-foreign")).toBeUndefined();
      expect(await stored("c-foreign", "dev2")).toBeUndefined();
    });

    it("a wrong iss is refused (400 callback_invalid), nothing stored", async () => {
      const { code, state } = await consented("c-iss");
      const answer = await post("/v2/auth/callback/dev", { code, state, iss: "http://127.0.0.1:1/other" });
      expect(answer.status).toBe(400);
      expect((answer.body["error"] as { code: string }).code).toBe("callback_invalid");
      expect(await stored("c-iss")).toBeUndefined();
    });

    it("a forged code for a real state: the provider refuses it (502 token_exchange_failed), nothing stored", async () => {
      const { state } = await consented("c-forged");
      const answer = await post("/v2/auth/callback/dev", { code: "forged-code", state });
      expect(answer.status).toBe(502);
      expect((answer.body["error"] as { code: string }).code).toBe("token_exchange_failed");
      expect(await stored("c-forged")).toBeUndefined();
    });

    it("missing code or state: 422 with the field in loc", async () => {
      const noCode = await post("/v2/auth/callback/dev", { state: "s" });
      expect(noCode.status).toBe(422);
      expect(detailOf(noCode)).toContainEqual({ loc: ["body", "code"], msg: "Field required", type: "missing" });
      const noState = await post("/v2/auth/callback/dev", { code: "c" });
      expect(detailOf(noState)).toContainEqual({ loc: ["body", "state"], msg: "Field required", type: "missing" });
    });

    it("unknown provider: 404 unknown_provider", async () => {
      const answer = await post("/v2/auth/callback/nope", { code: "c", state: "s" });
      expect(answer.status).toBe(404);
      expect((answer.body["error"] as { code: string }).code).toBe("unknown_provider");
    });

    it("provider outage at the exchange: 503 provider_unavailable with Retry-After, nothing stored", async () => {
      const { code, state } = await consented("c-outage");
      fx.dev.failNext("token", { status: 503 });
      const answer = await post("/v2/auth/callback/dev", { code, state });
      expect(answer.status).toBe(503);
      expect(answer.headers.get("retry-after")).toBe("10");
      expect((answer.body["error"] as { code: string }).code).toBe("provider_unavailable");
      expect(await stored("c-outage")).toBeUndefined();
    });
  });

  describe("tokens", () => {
    it("GET /tokens reports existence without handing out the token", async () => {
      const before = await call("/v2/auth/tokens?user_id=t1&provider=dev");
      expect(before.body).toEqual({ exists: false, scopes: null, expires_at: null });
      const { code, state } = await consented("t1");
      expect((await post("/v2/auth/callback/dev", { code, state })).status).toBe(200);
      const after = await call("/v2/auth/tokens?user_id=t1&provider=dev");
      expect(after.body).toMatchObject({ exists: true, scopes: expect.arrayContaining(["repo"]), expires_at: expect.any(String) });
      expect(Object.keys(after.body).sort()).toEqual(["exists", "expires_at", "scopes"]);
      expect((await call("/v2/auth/tokens?user_id=t1&provider=dev&agent_id=other")).body["exists"]).toBe(false);
    });

    it("GET /tokens is a read: it never calls authenticate, starts no consent and refreshes nothing", async () => {
      const calls: string[] = [];
      const spied = recordCalls(fx.broker, calls);
      const app = createOAuthApp({ broker: spied, apiKey: API_KEY });
      const check = async (query: string) => (await app.request(`/v2/auth/tokens?${query}`, { headers: auth })).json() as Promise<Record<string, unknown>>;
      // A miss: an authenticate here would leave a pending authorization behind.
      expect(await check("user_id=t3&provider=dev")).toEqual({ exists: false, scopes: null, expires_at: null });
      expect(calls).toEqual(["tokenInfo"]);

      // A hit whose access token has expired: reported as stored, with its past expiry, and not refreshed.
      const { code, state } = await consented("t4");
      expect((await post("/v2/auth/callback/dev", { code, state })).status).toBe(200);
      const refreshes = fx.dev.counts.refresh;
      fx.clock.offsetMs = 2 * 3600_000;
      try {
        calls.length = 0;
        const expired = await check("user_id=t4&provider=dev");
        expect(expired).toMatchObject({ exists: true, scopes: expect.arrayContaining(["repo"]) });
        expect(Date.parse(expired["expires_at"] as string)).toBeLessThan(Date.now() + fx.clock.offsetMs);
        expect(calls).toEqual(["tokenInfo"]);
        expect(fx.dev.counts.refresh).toBe(refreshes);
      } finally {
        fx.clock.offsetMs = 0;
      }
    });

    it("DELETE /tokens revokes one provider's token, or the user's tokens at every provider", async () => {
      const { code, state } = await consented("t2");
      expect((await post("/v2/auth/callback/dev", { code, state })).status).toBe(200);
      const token = await fx.broker.authenticate({ userId: "t2", provider: "dev", scopes: [] });
      if (token.status !== "completed") throw new Error("expected a token");
      canary.add(token.token);

      const one = await call("/v2/auth/tokens?user_id=t2&provider=dev", { method: "DELETE" });
      expect(one.body).toEqual({ status: "deleted", providers: ["dev"] });
      expect(await stored("t2")).toBeUndefined();
      expect((await fetch(`${fx.dev.apiUrl}/me`, { headers: { authorization: `Bearer ${token.token}` } })).status).toBe(401);

      const all = await call("/v2/auth/tokens?user_id=t2", { method: "DELETE" });
      expect(all.body).toEqual({ status: "deleted", providers: ["dev", "dev2"] });
    });

    it("validation and unknown providers", async () => {
      expect((await call("/v2/auth/tokens?provider=dev")).status).toBe(422);
      expect(detailOf(await call("/v2/auth/tokens?provider=dev"))[0]).toMatchObject({ loc: ["query", "user_id"], type: "missing" });
      expect((await call("/v2/auth/tokens?user_id=a&provider=nope")).status).toBe(404);
      const del = await call("/v2/auth/tokens?user_id=a&provider=nope", { method: "DELETE" });
      expect(del.status).toBe(404);
      expect((del.body["error"] as { code: string }).code).toBe("unknown_provider");
    });
  });

  describe("rejected requests reach no broker method", () => {
    it("missing key, wrong key, bad JSON, invalid fields and oversize bodies never call the broker", async () => {
      const calls: string[] = [];
      const spy = recordCalls(fx.broker, calls);
      const app = createOAuthApp({ broker: spy, apiKey: API_KEY, maxBodyBytes: 1024 });
      const send = (path: string, init: RequestInit) => app.request(path, init);
      const good = JSON.stringify({ provider: "dev", scopes: [], user_id: "spy" });
      const statuses = [
        (await send("/v2/auth/authenticate", { method: "POST", body: good })).status,
        (await send("/v2/auth/authenticate", { method: "POST", headers: { "x-api-key": "wrong-wrong-wrong-wrong" }, body: good })).status,
        (await send("/v2/auth/authenticate", { method: "POST", headers: jsonHeaders, body: "{" })).status,
        (await send("/v2/auth/authenticate", { method: "POST", headers: jsonHeaders, body: JSON.stringify({ provider: "dev", scopes: [1] }) })).status,
        (await send("/v2/auth/authenticate", { method: "POST", headers: jsonHeaders, body: JSON.stringify({ provider: "dev", scopes: [], user_id: "x".repeat(2000) }) })).status,
        (await send("/v2/auth/callback/dev", { method: "POST", headers: jsonHeaders, body: JSON.stringify({ code: "c" }) })).status,
        (await send("/v2/auth/wait/x?timeout=abc", { headers: auth })).status,
        (await send("/v2/auth/tokens?provider=dev", { method: "DELETE", headers: auth })).status,
      ];
      expect(statuses).toEqual([401, 401, 422, 422, 413, 422, 422, 422]);
      expect(calls.filter((c) => c !== "providers")).toEqual([]);
    });
  });

  describe("providers and unknown routes", () => {
    it("lists id, name and default scopes, never secrets or client ids", async () => {
      const answer = await call("/v2/auth/providers");
      expect(answer.body).toEqual({
        providers: [
          { id: "dev", name: "Dev dev", scopes: [] },
          { id: "dev2", name: "Dev dev2", scopes: [] },
        ],
      });
      canary.check(answer.body);
      expect(JSON.stringify(answer.body)).not.toContain(CLIENT.clientId);
      expect((await call("/v2/auth/providers/dev2")).body).toEqual({ id: "dev2", name: "Dev dev2", scopes: [] });
      expect((await call("/v2/auth/providers/nope")).status).toBe(404);
    });

    it("unknown routes and methods are JSON 404s", async () => {
      const answer = await call("/v2/auth/nothing-here");
      expect(answer.status).toBe(404);
      expect((answer.body["error"] as { code: string }).code).toBe("not_found");
      expect((await call("/v2/auth/authenticate")).status).toBe(404);
    });
  });
});
