import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { CallbackResult } from "@langgraph-oauth/core";
import { createOAuthApp } from "./app.ts";
import { Canary, pathOf, startFixture, type Fixture } from "./testing/fixtures.ts";

const ORIGIN = "http://127.0.0.1:5173";

describe("GET /oauth/callback/:provider", () => {
  let fx: Fixture;
  const canary = new Canary();
  const hook = vi.fn<(result: CallbackResult) => void>();

  beforeAll(async () => {
    fx = await startFixture({ providerIds: ["dev", "dev2"], app: { successPage: { postMessageOrigin: ORIGIN }, onCallback: hook } });
  });
  afterAll(() => fx.close());

  /** A fresh pending auth and the provider's redirect after the person's decision. */
  async function consented(userId: string, decision: "approve" | "deny" = "approve", provider = "dev") {
    const result = await fx.broker.authenticate({ userId, provider, scopes: ["repo"] });
    if (result.status !== "pending") throw new Error("expected pending");
    const redirect = await fx.dev.consent(result.url, { user: userId, decision });
    canary.addRedirect(redirect);
    return { authId: result.authId, redirect };
  }

  async function get(path: string, init?: RequestInit) {
    const response = await fx.app.request(path, init);
    const html = await response.text();
    canary.check([html, response.headers]);
    return { response, html };
  }

  const stored = (userId: string, provider = "dev") => fx.store.getToken({ userId, provider });

  it("completes, shows the success page with strict headers, and posts only to the configured origin", async () => {
    const { authId, redirect } = await consented("u-success");
    const { response, html } = await get(pathOf(redirect));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/html/);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(response.headers.get("referrer-policy")).toBe("no-referrer");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("x-frame-options")).toBe("DENY");
    // COOP would cut window.opener, which the page exists to notify.
    expect(response.headers.get("cross-origin-opener-policy")).toBeNull();

    const csp = response.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    const nonce = /script-src 'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    expect(csp).not.toContain("unsafe-inline");
    expect(html).toContain(`<script nonce="${nonce}">`);
    expect(html).toContain(`<style nonce="${nonce}">`);

    expect(html).toContain("Connected to Dev dev");
    expect(html).toContain("You can close this window");
    expect(html).toContain(`window.opener.postMessage({"type":"langgraph-oauth","authId":"${authId}","status":"completed"}, "${ORIGIN}")`);
    expect(html).not.toContain('"*"');
    expect(html).toContain("window.close()");

    expect(await stored("u-success")).toBeDefined();
    expect((await fx.broker.getAuth(authId))?.status).toBe("completed");
    expect(hook).toHaveBeenCalledWith(expect.objectContaining({ authId, status: "completed", userId: "u-success", provider: "dev" }));
  });

  it("uses a fresh nonce per response", async () => {
    const a = await get("/oauth/callback/dev?state=x&code=y");
    const b = await get("/oauth/callback/dev?state=x&code=y");
    const nonce = (r: Response) => /'nonce-([^']+)'/.exec(r.headers.get("content-security-policy") ?? "")?.[1];
    expect(nonce(a.response)).toBeTruthy();
    expect(nonce(a.response)).not.toBe(nonce(b.response));
  });

  it("does not postMessage at all without a configured origin", async () => {
    const app = createOAuthApp({ broker: fx.broker });
    const { redirect } = await consented("u-no-origin");
    const response = await app.request(pathOf(redirect));
    const html = await response.text();
    canary.check(html);
    expect(response.status).toBe(200);
    expect(html).toContain("You can close this window");
    expect(html).not.toContain("postMessage");
    expect(html).toContain("window.close()");
  });

  it("denied consent: 200 page saying access was not granted, nothing stored, auth denied", async () => {
    const { authId, redirect } = await consented("u-denied", "deny");
    expect(new URL(redirect).searchParams.get("error")).toBe("access_denied");
    const { response, html } = await get(pathOf(redirect));
    expect(response.status).toBe(200);
    expect(html).toContain("Access was not granted");
    expect(html).toContain(`"status":"denied"`);
    expect(await stored("u-denied")).toBeUndefined();
    expect((await fx.broker.getAuth(authId))?.status).toBe("denied");
    expect(await fx.broker.waitForCompletion(authId, { timeoutMs: 0 })).toEqual({ status: "denied" });
  });

  it("replayed state: 409 'already used', the first token stays the only one", async () => {
    const { redirect } = await consented("u-replay");
    expect((await get(pathOf(redirect))).response.status).toBe(200);
    const before = await stored("u-replay");
    const { response, html } = await get(pathOf(redirect));
    expect(response.status).toBe(409);
    expect(html).toContain("already used");
    expect(html).toContain("callback_state_replayed");
    expect(await stored("u-replay")).toEqual(before);
  });

  it("expired state: 410, nothing stored, the auth stays pending", async () => {
    const { authId, redirect } = await consented("u-expired");
    fx.clock.offsetMs = 11 * 60_000;
    try {
      const { response, html } = await get(pathOf(redirect));
      expect(response.status).toBe(410);
      expect(html).toContain("expired");
      expect(html).toContain("callback_state_expired");
    } finally {
      fx.clock.offsetMs = 0;
    }
    expect(await stored("u-expired")).toBeUndefined();
    expect((await fx.broker.getAuth(authId))?.status).toBe("pending");
  });

  it("unknown or missing state: 400, nothing stored", async () => {
    const { redirect } = await consented("u-unknown");
    const url = new URL(redirect);
    url.searchParams.set("state", "not-a-state-we-issued");
    const unknown = await get(pathOf(url.href));
    expect(unknown.response.status).toBe(400);
    expect(unknown.html).toContain("callback_state_unknown");
    url.searchParams.delete("state");
    const missing = await get(pathOf(url.href));
    expect(missing.response.status).toBe(400);
    expect(missing.html).toContain("callback_state_unknown");
    expect(await stored("u-unknown")).toBeUndefined();
  });

  it("a state issued for another provider is refused at this provider's route, and still works at its own", async () => {
    const { redirect } = await consented("u-foreign");
    const foreign = new URL(redirect);
    foreign.pathname = "/oauth/callback/dev2";
    const { response, html } = await get(pathOf(foreign.href));
    expect(response.status).toBe(400);
    expect(html).toContain("callback_provider_mismatch");
    expect(await stored("u-foreign", "dev2")).toBeUndefined();
    expect(await stored("u-foreign")).toBeUndefined();
    expect((await get(pathOf(redirect))).response.status).toBe(200);
    expect(await stored("u-foreign")).toBeDefined();
  });

  it("missing code: 400, nothing stored", async () => {
    const { redirect } = await consented("u-nocode");
    const url = new URL(redirect);
    url.searchParams.delete("code");
    const { response, html } = await get(pathOf(url.href));
    expect(response.status).toBe(400);
    expect(html).toContain("callback_missing_code");
    expect(await stored("u-nocode")).toBeUndefined();
  });

  it("a wrong iss (RFC 9207) is refused with 400, nothing stored", async () => {
    const { redirect } = await consented("u-iss");
    const url = new URL(redirect);
    expect(url.searchParams.get("iss")).toBe(fx.dev.issuer);
    url.searchParams.set("iss", "http://127.0.0.1:1/evil");
    const { response, html } = await get(pathOf(url.href));
    expect(response.status).toBe(400);
    expect(html).toContain("callback_invalid");
    expect(await stored("u-iss")).toBeUndefined();
  });

  it("unknown provider: 404 page", async () => {
    const { response, html } = await get("/oauth/callback/nope?code=a&state=b");
    expect(response.status).toBe(404);
    expect(html).toContain("unknown_provider");
  });

  it("HEAD (link checkers) is refused without burning the single-use state", async () => {
    const { redirect } = await consented("u-head");
    const head = await fx.app.request(pathOf(redirect), { method: "HEAD" });
    expect(head.status).toBe(405);
    expect((await get(pathOf(redirect))).response.status).toBe(200);
  });

  it("provider outage during the code exchange: 503 with Retry-After, nothing stored", async () => {
    const { redirect } = await consented("u-outage");
    fx.dev.failNext("token", { status: 503 });
    const { response, html } = await get(pathOf(redirect));
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toBe("10");
    expect(html).toContain("provider_unavailable");
    expect(await stored("u-outage")).toBeUndefined();
  });

  it("a failing onCallback hook does not turn a stored token into an error page", async () => {
    const failing = createOAuthApp({
      broker: fx.broker,
      onCallback: () => {
        throw new Error("resume failed");
      },
    });
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      const { redirect } = await consented("u-hook");
      const response = await failing.request(pathOf(redirect));
      expect(response.status).toBe(200);
      expect(await stored("u-hook")).toBeDefined();
      expect(errors).toHaveBeenCalledWith(expect.stringContaining("onCallback"));
    } finally {
      errors.mockRestore();
    }
  });
});

describe("basePath", () => {
  let fx: Fixture;
  beforeAll(async () => {
    fx = await startFixture({ callbackUrl: "http://127.0.0.1:8787/auth/oauth/callback", app: { basePath: "/auth" } });
  });
  afterAll(() => fx.close());

  it("serves the callback and the API under the prefix, and nothing at the root", async () => {
    const result = await fx.broker.authenticate({ userId: "u-base", provider: "dev", scopes: ["repo"] });
    if (result.status !== "pending") throw new Error("expected pending");
    const redirect = await fx.dev.consent(result.url, { user: "u-base" });
    expect(new URL(redirect).pathname).toBe("/auth/oauth/callback/dev");
    expect((await fx.app.request(pathOf(redirect))).status).toBe(200);
    expect((await fx.app.request("/auth/v2/auth/providers", { headers: { "x-api-key": "test-api-key-0123456789abcdef" } })).status).toBe(200);
    expect((await fx.app.request("/v2/auth/providers")).status).toBe(404);
  });
});
