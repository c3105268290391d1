import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLocalBroker, defineProvider } from "@langgraph-oauth/core";
import { startHostileServer, type HostileServer } from "@langgraph-oauth/core/testing";
import { createOAuthApp } from "./app.ts";
import { Canary, pathOf, startFixture, type Fixture } from "./testing/fixtures.ts";

/** Query parameter names a callback may carry (RFC 6749 §4.1.2, RFC 9207), and anything else. */
const name = fc.oneof(fc.constantFrom("code", "state", "iss", "error", "error_description", "error_uri", "session_state"), fc.string({ maxLength: 12 }));

/** Values as a hostile or broken client sends them: empty, unicode, huge, percent-junk, lookalikes of real values. */
function value(known: { code: string; issuer: string }) {
  return fc.oneof(
    fc.string(),
    fc.string({ unit: "grapheme", maxLength: 40 }),
    fc.string({ unit: "binary", maxLength: 40 }),
    fc.string({ minLength: 2000, maxLength: 9000 }),
    fc.constantFrom("access_denied", "server_error", "temporarily_unavailable", "", "%", "%zz", "%00", known.code, known.issuer, `${known.issuer}/`, "null", "[]"),
  );
}

/** A raw query string: names and values encoded, or sent as typed (malformed escapes included). */
function query(known: { code: string; issuer: string }) {
  return fc
    .array(fc.tuple(name, value(known), fc.boolean()), { maxLength: 6 })
    .map((pairs) => pairs.map(([k, v, raw]) => (raw ? `${k}=${v.replace(/[#\s]/g, "")}` : `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)).join("&"));
}

const provider = fc.oneof({ weight: 4, arbitrary: fc.constant("dev") }, fc.constantFrom("dev2", "DEV", "dev%2F..", "..", "%zz"), fc.string({ minLength: 1, maxLength: 20 }).map(encodeURIComponent));

describe("the callback route, fed any query", () => {
  let fx: Fixture;
  const canary = new Canary();
  let genuine: { authId: string; redirect: string; code: string };

  beforeAll(async () => {
    fx = await startFixture();
    // A consent Alice gave whose redirect has not arrived yet: no fuzzed request may spoil it.
    const started = await fx.broker.authenticate({ userId: "alice", provider: "dev", scopes: ["repo"] });
    if (started.status !== "pending") throw new Error("expected pending");
    const redirect = await fx.dev.consent(started.url, { user: "alice" });
    canary.addRedirect(redirect);
    genuine = { authId: started.authId, redirect, code: new URL(redirect).searchParams.get("code") ?? "" };
  });
  afterAll(() => fx.close());

  it("no crash, no 500, no stack, no secret, and a pending consent stays pending", async () => {
    await fc.assert(
      fc.asyncProperty(provider, query({ code: genuine.code, issuer: fx.dev.issuer }), async (segment, search) => {
        const response = await fx.app.request(`/oauth/callback/${segment}?${search}`);
        const html = await response.text();
        expect(response.status).not.toBe(500);
        expect([200, 400, 404, 405, 409, 410, 502, 503]).toContain(response.status);
        expect(html).not.toMatch(/\n\s+at /);
        canary.check([html, response.headers]);
        expect((await fx.broker.getAuth(genuine.authId))?.status).toBe("pending");
      }),
      { numRuns: 150 },
    );
    // The genuine redirect still completes the consent it belongs to.
    const done = await fx.app.request(pathOf(genuine.redirect));
    expect(done.status).toBe(200);
    expect((await fx.broker.getAuth(genuine.authId))?.status).toBe("completed");
    expect(await fx.store.getToken({ userId: "alice", provider: "dev" })).toBeDefined();
  });
});

describe("the callback route, when the token endpoint answers anything", () => {
  let as: HostileServer;
  const clientSecret = "hostile-client-s3cret";
  const callbackUrl = "http://127.0.0.1:8787/oauth/callback";
  let broker: ReturnType<typeof createLocalBroker>;
  let app: ReturnType<typeof createOAuthApp>;

  beforeAll(async () => {
    as = await startHostileServer();
    const provider = defineProvider({ id: "hostile", name: "Hostile", clientId: "c", clientSecret, authorizationUrl: `${as.origin}/authorize`, tokenUrl: `${as.origin}/token` });
    broker = createLocalBroker({ providers: [provider], callbackUrl, retry: { attempts: 1, baseDelayMs: 0 } });
    app = createOAuthApp({ broker });
  });
  afterAll(() => as?.close());

  /** How a hostile server echoes what it was sent: as is, percent-encoded, base64 or hex. */
  const echo = fc.constantFrom<(s: string) => string>(
    (v) => v,
    encodeURIComponent,
    (v) => Buffer.from(`x:${v}`).toString("base64"),
    (v) => Buffer.from(v).toString("hex"),
  );
  const shape = fc.constantFrom<(e: string) => unknown>(
    (e) => ({ error: "invalid_grant", error_description: `bad code ${e}` }),
    (e) => ({ error: e, error_description: e, error_uri: `https://x/${e}` }),
    (e) => ({ access_token: 7, token_type: e }),
    (e) => `<html>${e}</html>`,
    (e) => ({ access_token: `at-${e}`, token_type: "Bearer", scope: e }),
  );

  it("the page never shows what the provider echoed (code, state, client secret, PKCE verifier), and is never a 500", async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(200, 400, 401, 500, 503), echo, shape, async (status, encode, build) => {
        const started = await broker.authenticate({ userId: `echo-${++n}`, provider: "hostile", scopes: [] });
        if (started.status !== "pending") throw new Error("expected pending");
        const state = new URL(started.url).searchParams.get("state") ?? "";
        const code = `code-${n}-${state.slice(0, 6)}`;
        const said = [code, state, clientSecret].map(encode).join(" ");
        const body = build(said);
        as.respond({ status, headers: { "content-type": "application/json" }, body: typeof body === "string" ? body : JSON.stringify(body) });
        const response = await app.request(`/oauth/callback/hostile?code=${code}&state=${state}`);
        const html = await response.text();
        const verifier = new URLSearchParams(as.requests.at(-1)?.body ?? "").get("code_verifier") ?? "";
        expect(verifier).not.toBe(""); // the exchange did reach the hostile server
        const canary = new Canary();
        canary.add(code, state, clientSecret, verifier);
        canary.check([html, response.headers]);
        expect(response.status).not.toBe(500);
        expect(html).not.toMatch(/\n\s+at /);
      }),
      { numRuns: 60 },
    );
  });
});
