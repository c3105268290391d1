import * as oidc from "openid-client";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { DEFAULT_CLIENT, startDevProvider } from "./provider.ts";
import { discoverClient, getMe, obtainTokens } from "./testing/oauth-flow.ts";
import type { DevProvider } from "./types.ts";

const REDIRECT = "http://localhost:8787/oauth/callback/github";

describe("dev provider: refresh, rotation, reuse detection, revocation", () => {
  let provider: DevProvider;
  let config: oidc.Configuration;

  beforeAll(async () => {
    provider = await startDevProvider();
    config = await discoverClient(provider, DEFAULT_CLIENT);
  });
  afterAll(() => provider.close());

  const login = (user: string, scope = "repo") => obtainTokens(provider, config, { redirectUri: REDIRECT, scope, user });

  it("refreshes and rotates the refresh token, keeping scopes and user", async () => {
    const first = await login("alice", "repo read:user");
    const refreshed = await oidc.refreshTokenGrant(config, first.refresh_token ?? "");

    expect(refreshed.access_token).not.toBe(first.access_token);
    expect(refreshed.refresh_token).toBeTruthy();
    expect(refreshed.refresh_token).not.toBe(first.refresh_token);
    expect(refreshed.scope).toBe("repo read:user");

    const me = await getMe(provider, refreshed.access_token);
    expect(await me.json()).toEqual({ sub: "alice", scopes: ["repo", "read:user"], client_id: "demo-client" });
  });

  it("answers invalid_grant to a reused rotated refresh token and revokes the whole grant", async () => {
    const first = await login("bob");
    const second = await oidc.refreshTokenGrant(config, first.refresh_token ?? "");

    await expect(oidc.refreshTokenGrant(config, first.refresh_token ?? "")).rejects.toMatchObject({ error: "invalid_grant" });

    // Reuse means the token leaked: oidc-provider kills everything issued under the grant.
    await expect(oidc.refreshTokenGrant(config, second.refresh_token ?? "")).rejects.toMatchObject({ error: "invalid_grant" });
    expect((await getMe(provider, second.access_token)).status).toBe(401);
  });

  it("makes /me answer 401 once the access token is revoked (RFC 7009), taking the grant's refresh token along", async () => {
    const tokens = await login("carol");
    expect((await getMe(provider, tokens.access_token)).status).toBe(200);

    await oidc.tokenRevocation(config, tokens.access_token);

    const me = await getMe(provider, tokens.access_token);
    expect(me.status).toBe(401);
    expect(me.headers.get("www-authenticate")).toContain('error="invalid_token"');
    expect((await oidc.tokenIntrospection(config, tokens.access_token)).active).toBe(false);
    // oidc-provider revokes every token of the grant, the refresh token too (as Google does).
    await expect(oidc.refreshTokenGrant(config, tokens.refresh_token ?? "")).rejects.toMatchObject({ error: "invalid_grant" });
  });

  it("revokes the grant, access tokens included, when the refresh token is revoked", async () => {
    const tokens = await login("dave");
    await oidc.tokenRevocation(config, tokens.refresh_token ?? "");
    expect((await getMe(provider, tokens.access_token)).status).toBe(401);
    await expect(oidc.refreshTokenGrant(config, tokens.refresh_token ?? "")).rejects.toMatchObject({ error: "invalid_grant" });
  });

  it("revokeAllFor(user) ends every grant of that user and no one else's", async () => {
    const erin = await login("erin");
    const erinAgain = await login("erin", "calendar.read");
    const frank = await login("frank");

    await provider.revokeAllFor("erin");

    expect((await getMe(provider, erin.access_token)).status).toBe(401);
    expect((await getMe(provider, erinAgain.access_token)).status).toBe(401);
    await expect(oidc.refreshTokenGrant(config, erin.refresh_token ?? "")).rejects.toMatchObject({ error: "invalid_grant" });
    expect((await getMe(provider, frank.access_token)).status).toBe(200);
  });
});

describe("dev provider: refresh without rotation", () => {
  let provider: DevProvider;
  let config: oidc.Configuration;

  beforeAll(async () => {
    provider = await startDevProvider({ rotateRefreshTokens: false });
    config = await discoverClient(provider, DEFAULT_CLIENT);
  });
  afterAll(() => provider.close());

  it("returns the same refresh token, which stays usable", async () => {
    const first = await obtainTokens(provider, config, { redirectUri: REDIRECT, scope: "repo", user: "alice" });
    const second = await oidc.refreshTokenGrant(config, first.refresh_token ?? "");
    expect(second.refresh_token).toBe(first.refresh_token);
    const third = await oidc.refreshTokenGrant(config, first.refresh_token ?? "");
    expect((await getMe(provider, third.access_token)).status).toBe(200);
  });
});

describe("dev provider: access token lifetime", () => {
  let provider: DevProvider;
  let config: oidc.Configuration;

  beforeAll(async () => {
    provider = await startDevProvider({ accessTokenTtlSeconds: 5 });
    config = await discoverClient(provider, DEFAULT_CLIENT);
  });
  afterAll(() => provider.close());
  afterEach(() => {
    vi.useRealTimers();
  });

  it("rejects an expired access token at /me", async () => {
    const tokens = await obtainTokens(provider, config, { redirectUri: REDIRECT, scope: "repo", user: "alice" });
    expect(tokens.expires_in).toBe(5);
    expect((await getMe(provider, tokens.access_token)).status).toBe(200);

    // The provider runs in this process, so moving Date moves its clock too; no sleeping.
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + 6_000 });
    expect((await getMe(provider, tokens.access_token)).status).toBe(401);
  });
});

describe("dev provider: tokens outlive the browser session", () => {
  let provider: DevProvider;
  let config: oidc.Configuration;
  const DAY_MS = 24 * 60 * 60 * 1000;

  beforeAll(async () => {
    provider = await startDevProvider({ accessTokenTtlSeconds: 3 * 24 * 60 * 60 });
    config = await discoverClient(provider, DEFAULT_CLIENT);
  });
  afterAll(() => provider.close());
  afterEach(() => {
    vi.useRealTimers();
  });

  it("keeps access and refresh tokens valid after the login session (1 day) has expired", async () => {
    const tokens = await obtainTokens(provider, config, { redirectUri: REDIRECT, scope: "repo", user: "alice" });
    // oidc-provider's default would tie tokens issued without offline_access to the session.
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + 2 * DAY_MS });
    expect((await getMe(provider, tokens.access_token)).status).toBe(200);
    const refreshed = await oidc.refreshTokenGrant(config, tokens.refresh_token ?? "");
    expect((await getMe(provider, refreshed.access_token)).status).toBe(200);
  });
});
