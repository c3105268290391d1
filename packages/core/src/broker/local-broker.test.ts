import { afterEach, describe, expect, it } from "vitest";
import { startHarness, CALLBACK, type Harness } from "./broker.fixture.ts";
import type { AuthResult } from "./types.ts";
import { OAuthError } from "../errors/errors.ts";
import { MemoryTokenStore } from "../store/memory-store.ts";
import type { TokenStore } from "../store/types.ts";
import { generateEncryptionKey } from "../crypto/keyring.ts";

const started: Harness[] = [];
async function harness(options?: Parameters<typeof startHarness>[0]): Promise<Harness> {
  const h = await startHarness(options);
  started.push(h);
  return h;
}
afterEach(async () => {
  await Promise.all(started.splice(0).map((h) => h.dev.close()));
});

const alice = { userId: "alice", provider: "devhub", scopes: ["repo"] };
type Completed = Extract<AuthResult, { status: "completed" }>;
type Pending = Extract<AuthResult, { status: "pending" }>;
const asPending = (r: AuthResult) => {
  expect(r.status).toBe("pending");
  return r as Pending;
};
const asCompleted = (r: AuthResult) => {
  expect(r.status).toBe("completed");
  return r as Completed;
};

describe("LocalBroker against a real authorization server", () => {
  it("runs the authorization code flow with PKCE S256 and returns a token the provider accepts", async () => {
    const h = await harness();
    const pending = asPending(await h.broker.authenticate({ ...alice, threadId: "t1" }));
    expect(pending.reason).toBe("connection_required");
    const url = new URL(pending.url);
    expect(url.searchParams.get("code_challenge_method")).toBe("S256");
    expect(url.searchParams.get("code_challenge")).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(url.searchParams.get("redirect_uri")).toBe(`${CALLBACK}/devhub`);
    expect(url.searchParams.get("state")).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Date.parse(pending.expiresAt) - h.clock.now).toBe(600_000);

    const waiting = h.broker.waitForCompletion(pending.authId, { timeoutMs: 10_000 });
    const redirect = await h.connect(pending, { user: "alice" });
    expect(new URL(redirect).searchParams.get("iss")).toBe(h.dev.issuer);
    await expect(waiting).resolves.toEqual({ status: "completed" });

    const done = asCompleted(await h.broker.authenticate(alice));
    expect(done.scopes).toContain("repo");
    expect(await h.me(done.token)).toEqual({ status: 200, body: expect.objectContaining({ sub: "alice", scopes: expect.arrayContaining(["repo"]) }) });
    expect(h.dev.counts.token).toBe(1);
    expect(await h.broker.getAuth(pending.authId)).toMatchObject({ status: "completed", userId: "alice", threadId: "t1" });
  });

  it("returns the same pending authId for the same user, provider, scopes and thread", async () => {
    const h = await harness();
    const a = asPending(await h.broker.authenticate({ ...alice, threadId: "t1" }));
    const b = asPending(await h.broker.authenticate({ ...alice, threadId: "t1" }));
    const otherScopes = asPending(await h.broker.authenticate({ ...alice, scopes: ["repo", "read:user"], threadId: "t1" }));
    const otherUser = asPending(await h.broker.authenticate({ ...alice, userId: "bob", threadId: "t1" }));
    expect(b.authId).toBe(a.authId);
    expect(b.url).toBe(a.url);
    expect(otherScopes.authId).not.toBe(a.authId);
    expect(otherUser.authId).not.toBe(a.authId);
  });

  it("gives parallel callers one pending authorization, not one each", async () => {
    const h = await harness();
    const results = await Promise.all(Array.from({ length: 10 }, () => h.broker.authenticate({ ...alice, threadId: "t1" })));
    expect(new Set(results.map((r) => asPending(r).authId)).size).toBe(1);
  });

  it("a caller arriving while the code is being exchanged gets the token, not a second prompt", async () => {
    // Holds the real token request until released, so the caller surely arrives mid-exchange.
    let reached!: () => void;
    let release!: () => void;
    const atTokenEndpoint = new Promise<void>((r) => (reached = r));
    const gate = new Promise<void>((r) => (release = r));
    const h = await harness({
      broker: {
        fetch: async (url, init) => {
          if (url.endsWith("/token")) (reached(), await gate);
          return fetch(url, init);
        },
      },
    });
    const first = asPending(await h.broker.authenticate({ ...alice, threadId: "t1" }));
    const callback = h.broker.handleCallback(await h.dev.consent(first.url));
    await atTokenEndpoint;
    const during = h.broker.authenticate({ ...alice, threadId: "t1" });
    release();
    await callback;
    expect((await during).status).toBe("completed");
    expect(h.dev.counts.authorization).toBe(1);
  });

  it("keeps tokens apart per user and per agent", async () => {
    const h = await harness();
    await h.connect(await h.broker.authenticate(alice), { user: "alice" });
    asPending(await h.broker.authenticate({ ...alice, userId: "bob" }));
    asPending(await h.broker.authenticate({ ...alice, agentId: "agent-1" }));
    await h.connect(await h.broker.authenticate({ ...alice, userId: "bob" }), { user: "bob" });
    const a = asCompleted(await h.broker.authenticate(alice));
    const b = asCompleted(await h.broker.authenticate({ ...alice, userId: "bob" }));
    expect(a.token).not.toBe(b.token);
    expect((await h.me(a.token)).body.sub).toBe("alice");
    expect((await h.me(b.token)).body.sub).toBe("bob");
  });

  it("asks for the union of scopes on step-up and keeps the old token usable meanwhile", async () => {
    const h = await harness();
    await h.connect(await h.broker.authenticate(alice));
    const step = asPending(await h.broker.authenticate({ ...alice, scopes: ["read:user"] }));
    expect(step.reason).toBe("insufficient_scope");
    expect(step.scopes).toEqual(["read:user", "repo"]);
    expect(new URL(step.url).searchParams.get("scope")?.split(" ").sort()).toEqual(["read:user", "repo"]);
    asCompleted(await h.broker.authenticate(alice));
    await h.connect(step);
    const both = asCompleted(await h.broker.authenticate({ ...alice, scopes: ["repo", "read:user"] }));
    expect((await h.me(both.token)).body.scopes).toEqual(expect.arrayContaining(["repo", "read:user"]));
  });

  it("refreshes ahead of expiry, saves the rotated refresh token, and uses it next time", async () => {
    const h = await harness({ dev: { accessTokenTtlSeconds: 600, rotateRefreshTokens: true } });
    await h.connect(await h.broker.authenticate(alice));
    const first = asCompleted(await h.broker.authenticate(alice));
    h.clock.now += 560_000; // inside the 60 s leeway
    const second = asCompleted(await h.broker.authenticate(alice));
    expect(second.token).not.toBe(first.token);
    h.clock.now += 560_000;
    const third = asCompleted(await h.broker.authenticate(alice));
    expect(third.token).not.toBe(second.token);
    // The second refresh only works with the rotated refresh token: the first one was consumed.
    expect(h.dev.counts.refresh).toBe(2);
    expect((await h.me(third.token)).status).toBe(200);
  });

  it("sends one refresh upstream when 100 callers find the token expired at once", async () => {
    const h = await harness();
    await h.connect(await h.broker.authenticate(alice));
    h.clock.now += 3_600_000;
    const results = await Promise.all(Array.from({ length: 100 }, () => h.broker.authenticate(alice)));
    expect(h.dev.counts.refresh).toBe(1);
    expect(new Set(results.map((r) => asCompleted(r).token)).size).toBe(1);
  });

  it("drops the token on invalid_grant and asks for consent again with reason revoked", async () => {
    const h = await harness();
    await h.connect(await h.broker.authenticate(alice), { user: "alice" });
    await h.dev.revokeAllFor("alice");
    h.clock.now += 3_600_000;
    const again = asPending(await h.broker.authenticate(alice));
    expect(again.reason).toBe("revoked");
    expect(asPending(await h.broker.authenticate(alice)).authId).toBe(again.authId);
    await h.connect(again);
    expect((await h.me(asCompleted(await h.broker.authenticate(alice)).token)).status).toBe(200);
  });

  it("treats an outage at refresh as a retryable error, not a consent prompt, and keeps the token", async () => {
    const h = await harness();
    await h.connect(await h.broker.authenticate(alice));
    h.clock.now += 3_600_000;
    h.dev.failNext("token", { status: 503, times: 3 });
    const error = await h.broker.authenticate(alice).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "provider_unavailable", retryable: true });
    expect(h.dev.counts.token).toBe(4); // the code exchange + 3 bounded attempts
    const after = asCompleted(await h.broker.authenticate(alice));
    expect((await h.me(after.token)).status).toBe(200);
  });

  it("recovers within the retry budget when the provider fails once", async () => {
    const h = await harness();
    await h.connect(await h.broker.authenticate(alice));
    h.clock.now += 3_600_000;
    h.dev.failNext("token", { status: 502, times: 1 });
    asCompleted(await h.broker.authenticate(alice));
  });

  it("asks again with reason token_expired when there is no refresh token", async () => {
    const h = await harness({ clientAuth: "client_secret_post", dev: { refreshTokens: false, accessTokenTtlSeconds: 120 } });
    await h.connect(await h.broker.authenticate(alice));
    asCompleted(await h.broker.authenticate(alice));
    h.clock.now += 120_000;
    expect(asPending(await h.broker.authenticate(alice)).reason).toBe("token_expired");
  });

  it("revokes at the provider and deletes locally", async () => {
    const h = await harness();
    await h.connect(await h.broker.authenticate(alice));
    const { token } = asCompleted(await h.broker.authenticate(alice));
    await h.broker.revoke({ userId: "alice", provider: "devhub" });
    expect(h.dev.counts.revocation).toBe(1);
    expect((await h.me(token)).status).toBe(401);
    expect(asPending(await h.broker.authenticate(alice)).reason).toBe("connection_required");
    await expect(h.broker.revoke({ userId: "alice", provider: "devhub" })).resolves.toBeUndefined();
  });

  it("tokenInfo tells whether a token is stored without starting a consent", async () => {
    const h = await harness();
    expect(await h.broker.tokenInfo({ userId: "alice", provider: "devhub" })).toBeUndefined();
    expect(h.dev.counts.authorization).toBe(0);
    await h.connect(await h.broker.authenticate(alice));
    expect(await h.broker.tokenInfo({ userId: "alice", provider: "devhub" })).toEqual({ scopes: ["repo"], expiresAt: expect.any(String) });
    expect(await h.broker.tokenInfo({ userId: "alice", provider: "devhub", agentId: "other" })).toBeUndefined();
    await expect(h.broker.tokenInfo({ userId: "alice", provider: "nope" })).rejects.toMatchObject({ code: "unknown_provider" });
  });

  it("forceNew starts a new consent even with a usable token", async () => {
    const h = await harness();
    await h.connect(await h.broker.authenticate(alice));
    expect((await h.broker.authenticate({ ...alice, forceNew: true })).status).toBe("pending");
  });
});

describe("waitForCompletion", () => {
  it("reports denied, not_found, timeout and pending without polling", async () => {
    const h = await harness();
    const pending = asPending(await h.broker.authenticate(alice));
    await expect(h.broker.waitForCompletion("auth_unknown", { timeoutMs: 10 })).resolves.toEqual({ status: "not_found" });
    await expect(h.broker.waitForCompletion(pending.authId, { timeoutMs: 20 })).resolves.toEqual({ status: "timeout" });
    await expect(h.broker.waitForCompletion(pending.authId, { timeoutMs: 0 })).resolves.toEqual({ status: "pending" });
    const waiting = h.broker.waitForCompletion(pending.authId, { timeoutMs: 10_000 });
    const result = await h.broker.handleCallback(await h.dev.consent(pending.url, { decision: "deny" }));
    expect(result).toMatchObject({ status: "denied", error: "access_denied", authId: pending.authId });
    await expect(waiting).resolves.toEqual({ status: "denied" });
    await expect(h.broker.waitForCompletion(pending.authId)).resolves.toEqual({ status: "denied" });
    expect(asPending(await h.broker.authenticate(alice)).authId).not.toBe(pending.authId);
  });

  it("stops waiting when the signal aborts", async () => {
    const h = await harness();
    const pending = asPending(await h.broker.authenticate(alice));
    const controller = new AbortController();
    const waiting = h.broker.waitForCompletion(pending.authId, { signal: controller.signal });
    setTimeout(() => controller.abort(new Error("user left")), 10);
    await expect(waiting).rejects.toThrow("user left");
  });
});

describe("hostile callbacks store nothing", () => {
  async function pendingRedirect(h: Harness) {
    const pending = asPending(await h.broker.authenticate(alice));
    return { pending, redirect: await h.dev.consent(pending.url) };
  }
  async function expectNothingStored(h: Harness) {
    expect((await h.broker.authenticate(alice)).status).toBe("pending");
    expect(h.dev.counts.token).toBe(0);
  }

  it("refuses a replayed callback", async () => {
    const h = await harness();
    const { redirect } = await pendingRedirect(h);
    await h.broker.handleCallback(redirect);
    const token = asCompleted(await h.broker.authenticate(alice)).token;
    await expect(h.broker.handleCallback(redirect)).rejects.toMatchObject({ code: "callback_state_replayed" });
    expect(asCompleted(await h.broker.authenticate(alice)).token).toBe(token);
    expect(h.dev.counts.token).toBe(1);
  });

  it("lets only one of two racing callbacks through", async () => {
    const h = await harness();
    const { redirect } = await pendingRedirect(h);
    const results = await Promise.allSettled([h.broker.handleCallback(redirect), h.broker.handleCallback(redirect)]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(h.dev.counts.token).toBe(1);
  });

  it.each([
    ["an unknown state", (u: URL) => u.searchParams.set("state", "x".repeat(43)), "callback_state_unknown"],
    ["no state", (u: URL) => u.searchParams.delete("state"), "callback_state_unknown"],
    ["no code", (u: URL) => u.searchParams.delete("code"), "callback_missing_code"],
    ["another provider's route", (u: URL) => (u.pathname = "/oauth/callback/other"), "callback_provider_mismatch"],
    ["a foreign issuer (RFC 9207)", (u: URL) => u.searchParams.set("iss", "https://evil.example"), "callback_invalid"],
    ["a forged code", (u: URL) => u.searchParams.set("code", "forged"), "token_exchange_failed"],
  ])("refuses %s", async (_name, mutate, code) => {
    const h = await harness();
    const { redirect } = await pendingRedirect(h);
    const url = new URL(redirect);
    mutate(url);
    const error = await h.broker.handleCallback(url).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OAuthError);
    expect(error).toMatchObject({ code });
    expect((await h.broker.authenticate(alice)).status).toBe("pending");
    if (code !== "token_exchange_failed") expect(h.dev.counts.token).toBe(0);
  });

  it("refuses an expired state", async () => {
    const h = await harness();
    const { redirect } = await pendingRedirect(h);
    h.clock.now += 600_001;
    await expect(h.broker.handleCallback(redirect)).rejects.toMatchObject({ code: "callback_state_expired" });
    await expectNothingStored(h);
  });

  it("refuses a URL that is not one", async () => {
    const h = await harness();
    await expect(h.broker.handleCallback("::not a url")).rejects.toMatchObject({ code: "callback_invalid" });
  });
});

describe("bad input gets typed errors", () => {
  it.each([
    [{ userId: "", provider: "devhub", scopes: [] }, "invalid_input"],
    [{ userId: "a\u0000b", provider: "devhub", scopes: [] }, "invalid_input"],
    [{ userId: "alice", provider: "devhub", scopes: ["has space"] }, "invalid_input"],
    [{ userId: "alice", provider: "devhub", scopes: "repo" }, "invalid_input"],
    [{ userId: "alice", provider: "nope", scopes: [] }, "unknown_provider"],
    [{ userId: "alice", provider: "devhub", scopes: [], agentId: "" }, "invalid_input"],
  ])("authenticate(%j) → %s", async (req, code) => {
    const h = await harness();
    await expect(h.broker.authenticate(req as never)).rejects.toMatchObject({ code });
  });
});

describe("the store's declared persistence", () => {
  // A wrapper around the memory store that does not say whether it persists: treated as persistent.
  const undeclared = (): TokenStore => {
    const inner = new MemoryTokenStore();
    return Object.assign(Object.create(null) as TokenStore, {
      getToken: inner.getToken.bind(inner),
      putToken: inner.putToken.bind(inner),
      deleteToken: inner.deleteToken.bind(inner),
      createAuth: inner.createAuth.bind(inner),
      getAuth: inner.getAuth.bind(inner),
      getAuthByState: inner.getAuthByState.bind(inner),
      findPendingAuth: inner.findPendingAuth.bind(inner),
      consumeAuthState: inner.consumeAuthState.bind(inner),
      releaseAuthState: inner.releaseAuthState.bind(inner),
      finishAuth: inner.finishAuth.bind(inner),
      withLock: inner.withLock.bind(inner),
    });
  };

  it("a store that does not declare itself in-process needs an encryption key; the memory store does not", async () => {
    await expect(harness({ broker: { store: undeclared() } })).rejects.toMatchObject({ code: "invalid_configuration", message: /encryptionKey/ });
    await expect(harness({ broker: { store: new MemoryTokenStore() } })).resolves.toBeDefined();
  });

  it("a persistent store is read again after the cache TTL; the memory store serves from memory", async () => {
    for (const [store, reads] of [
      [undeclared(), 2],
      [new MemoryTokenStore(), 1],
    ] as const) {
      const h = await harness({ broker: { store, encryptionKey: generateEncryptionKey("k1") } });
      let getToken = 0;
      const read = store.getToken.bind(store);
      store.getToken = (key) => ((getToken += 1), read(key));
      await h.connect(await h.broker.authenticate(alice), { user: "alice" });
      asCompleted(await h.broker.authenticate(alice));
      h.clock.now += 31_000;
      asCompleted(await h.broker.authenticate(alice));
      expect(getToken).toBe(reads);
    }
  });
});

describe("no secret ever leaves in errors or events (canary)", () => {
  it("finds no token, code, state or verifier bytes in events, errors or pending results", async () => {
    const events: unknown[] = [];
    const errors: unknown[] = [];
    const h = await harness({ broker: { onEvent: (e) => events.push(e) } });
    const pending = asPending(await h.broker.authenticate(alice));
    const redirect = new URL(await h.dev.consent(pending.url));
    await h.broker.handleCallback(redirect);
    await h.broker.handleCallback(redirect).catch((e: unknown) => errors.push(e));
    const forged = new URL(redirect);
    forged.searchParams.set("code", "forged-code");
    const done = asCompleted(await h.broker.authenticate(alice));
    h.clock.now += 3_600_000;
    h.dev.failNext("token", { status: 503, times: 3 });
    await h.broker.authenticate(alice).catch((e: unknown) => errors.push(e));
    await h.broker.authenticate({ ...alice, userId: "" }).catch((e: unknown) => errors.push(e));
    expect(errors).toHaveLength(3);
    const secrets = [done.token, redirect.searchParams.get("code")!, redirect.searchParams.get("state")!, "app-secret"];
    const seen = JSON.stringify([events, errors.map((e) => ({ ...(e as object), message: (e as Error).message, stack: (e as Error).stack, cause: String((e as Error).cause) }))]);
    for (const secret of secrets) expect(seen).not.toContain(secret);
    // The pending result carries the state inside its URL by design; never a token or code.
    for (const secret of [done.token, redirect.searchParams.get("code")!, "app-secret"]) expect(JSON.stringify(pending)).not.toContain(secret);
    expect(events.map((e) => (e as { type: string }).type)).toEqual(expect.arrayContaining(["pending_created", "token_stored"]));
  });
});
