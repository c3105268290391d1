import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLocalBroker, discoverProvider, type LocalBroker } from "@langgraph-oauth/core";
import { startDevProvider, type DevProvider } from "@langgraph-oauth/dev-provider";
import { createOAuthApp } from "./app.ts";
import { createRemoteBroker } from "./remote-broker.ts";
import { serveApp, type RunningServer } from "./serve.ts";
import { API_KEY, Canary, CLIENT, freePort, pathOf, postJson, startFixture, auth, type Fixture } from "./testing/fixtures.ts";

async function callMe(dev: DevProvider, token: string) {
  const response = await fetch(`${dev.apiUrl}/me`, { headers: { authorization: `Bearer ${token}` } });
  return { status: response.status, body: (await response.json()) as { sub?: string; scopes?: string[] } };
}

describe("full flow through the HTTP API against a real provider", () => {
  let fx: Fixture;
  const canary = new Canary();
  beforeAll(async () => {
    fx = await startFixture({ app: { successPage: { postMessageOrigin: "http://127.0.0.1:5173" } } });
  });
  afterAll(() => fx.close());

  it("authenticate → consent → callback page → wait completed → the token works at the provider's API", async () => {
    const first = await postJson(fx.app, "/v2/auth/authenticate", { provider: "dev", scopes: ["repo"], user_id: "alice" });
    expect(first.status).toBe(200);
    const pending = (await first.json()) as Record<string, unknown>;
    expect(pending).toMatchObject({ status: "pending", token: null, user_id: "alice", metadata: { reason: "connection_required", provider: "dev" } });
    expect(typeof pending["url"]).toBe("string");
    const authId = pending["auth_id"] as string;

    const poll = await fx.app.request(`/v2/auth/wait/${authId}?timeout=0`, { headers: auth });
    expect(await poll.json()).toEqual({ status: "pending", token: null });

    // The long-poll is open while the person consents.
    const waiting = fx.app.request(`/v2/auth/wait/${authId}?timeout=20`, { headers: auth });
    const redirect = await fx.dev.consent(pending["url"] as string, { user: "alice" });
    canary.addRedirect(redirect);
    expect(new URL(redirect).pathname).toBe("/oauth/callback/dev");

    const page = await fx.app.request(pathOf(redirect));
    const html = await page.text();
    expect(page.status).toBe(200);
    expect(html).toContain("You can close this window");
    expect(html).toContain(authId);

    const waited = (await (await waiting).json()) as { status: string; token: string };
    expect(waited.status).toBe("completed");
    expect(typeof waited.token).toBe("string");
    canary.add(waited.token);
    const me = await callMe(fx.dev, waited.token);
    expect(me.status).toBe(200);
    expect(me.body.sub).toBe("alice");
    expect(me.body.scopes).toContain("repo");

    // The page never carries the code, the state or the token.
    canary.check(html);

    // The next authenticate returns the stored token without a new consent.
    const again = (await (await postJson(fx.app, "/v2/auth/authenticate", { provider: "dev", scopes: ["repo"], user_id: "alice" })).json()) as Record<string, unknown>;
    expect(again).toMatchObject({ status: "completed", token: waited.token, url: null, auth_id: null, user_id: "alice" });

    // Another user gets no token of alice's.
    const bob = (await (await postJson(fx.app, "/v2/auth/authenticate", { provider: "dev", scopes: ["repo"], user_id: "bob" })).json()) as Record<string, unknown>;
    expect(bob["status"]).toBe("pending");
    expect(bob["token"]).toBeNull();
  });
});

describe("createRemoteBroker against the app on a real port", () => {
  let dev: DevProvider;
  let broker: LocalBroker;
  let running: RunningServer;
  const canary = new Canary();

  beforeAll(async () => {
    // The port is fixed first, so the registered redirect URI points at the real server.
    const port = await freePort();
    const callbackUrl = `http://127.0.0.1:${port}/oauth/callback`;
    dev = await startDevProvider({ clients: [{ ...CLIENT, redirectUris: [`${callbackUrl}/dev`] }] });
    broker = createLocalBroker({ providers: [await discoverProvider({ id: "dev", issuer: dev.issuer, ...CLIENT, scopes: [] })], callbackUrl });
    running = await serveApp({ fetch: createOAuthApp({ broker, apiKey: API_KEY }).fetch, port, host: "127.0.0.1" });
  });
  afterAll(async () => {
    await running?.close();
    await dev?.close();
  });

  it("authenticate, wait, use, revoke: the graph side never holds the server's store", async () => {
    const remote = createRemoteBroker({ url: running.url, apiKey: API_KEY });
    const pending = await remote.authenticate({ userId: "carol", provider: "dev", scopes: ["repo", "read:user"], threadId: "thread-1" });
    if (pending.status !== "pending") throw new Error("expected pending");
    expect(pending.reason).toBe("connection_required");
    expect(Date.parse(pending.expiresAt)).toBeGreaterThan(Date.now());
    expect(pending.scopes).toEqual(expect.arrayContaining(["repo", "read:user"]));
    // The thread is kept with the pending auth on the server (for auto-resume).
    expect((await broker.getAuth(pending.authId))?.threadId).toBe("thread-1");

    expect(await remote.waitForCompletion(pending.authId, { timeoutMs: 0 })).toEqual({ status: "pending" });
    const waiting = remote.waitForCompletion(pending.authId, { timeoutMs: 20_000 });
    const redirect = await dev.consent(pending.url, { user: "carol" });
    canary.addRedirect(redirect);
    // The browser follows the provider's redirect to the real server.
    const page = await fetch(redirect);
    const html = await page.text();
    expect(page.status).toBe(200);
    canary.check(html);
    expect(await waiting).toEqual({ status: "completed" });

    const done = await remote.authenticate({ userId: "carol", provider: "dev", scopes: ["repo"] });
    if (done.status !== "completed") throw new Error("expected completed");
    canary.add(done.token);
    expect(done.credentials.accessToken).toBe(done.token);
    expect(done.scopes).toEqual(expect.arrayContaining(["repo", "read:user"]));
    const me = await fetch(`${dev.apiUrl}/me`, { headers: { authorization: `Bearer ${done.token}` } });
    expect(me.status).toBe(200);

    await remote.revoke({ userId: "carol", provider: "dev" });
    // Revoked at the provider (RFC 7009) and gone from the server.
    expect((await fetch(`${dev.apiUrl}/me`, { headers: { authorization: `Bearer ${done.token}` } })).status).toBe(401);
    const after = await remote.authenticate({ userId: "carol", provider: "dev", scopes: ["repo"] });
    expect(after.status).toBe("pending");
  });

  it("a denied consent comes back as denied through the remote broker", async () => {
    const remote = createRemoteBroker({ url: running.url, apiKey: API_KEY });
    const pending = await remote.authenticate({ userId: "dave", provider: "dev", scopes: ["repo"] });
    if (pending.status !== "pending") throw new Error("expected pending");
    const waiting = remote.waitForCompletion(pending.authId, { timeoutMs: 20_000 });
    const redirect = await dev.consent(pending.url, { user: "dave", decision: "deny" });
    const page = await fetch(redirect);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("Access was not granted");
    expect(await waiting).toEqual({ status: "denied" });
  });
});
