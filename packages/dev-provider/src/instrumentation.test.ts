import * as oidc from "openid-client";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DEFAULT_CLIENT, startDevProvider } from "./provider.ts";
import { discoverClient, getMe, obtainTokens } from "./testing/oauth-flow.ts";
import type { DevProvider } from "./types.ts";

const REDIRECT = "http://localhost:8787/oauth/callback/github";
const BASIC = `Basic ${Buffer.from("demo-client:demo-secret").toString("base64")}`;

/** openid-client reports a non-OAuth failure status with the Response as the error's cause. */
async function failureStatus(promise: Promise<unknown>): Promise<number | undefined> {
  try {
    await promise;
  } catch (error) {
    const cause = (error as { cause?: unknown }).cause;
    return cause instanceof Response ? cause.status : undefined;
  }
  throw new Error("expected the request to fail");
}

function refreshRaw(provider: DevProvider, refreshToken: string): Promise<Response> {
  return fetch(provider.tokenUrl, {
    method: "POST",
    headers: { authorization: BASIC, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ grant_type: "refresh_token", refresh_token: refreshToken }),
  });
}

describe("dev provider: request counters and injected outages", () => {
  let provider: DevProvider;
  let config: oidc.Configuration;

  // A fresh instance per test so counts start at zero.
  beforeEach(async () => {
    provider = await startDevProvider();
    config = await discoverClient(provider, DEFAULT_CLIENT);
  });
  afterEach(() => provider.close());

  it("counts authorization, token, refresh and revocation requests", async () => {
    expect(provider.counts).toEqual({ token: 0, refresh: 0, revocation: 0, authorization: 0 });

    const tokens = await obtainTokens(provider, config, { redirectUri: REDIRECT, scope: "repo", user: "alice" });
    // Login and consent pass through the authorization endpoint's resume route; only the request itself counts.
    expect(provider.counts).toEqual({ token: 1, refresh: 0, revocation: 0, authorization: 1 });

    const refreshed = await oidc.refreshTokenGrant(config, tokens.refresh_token ?? "");
    expect(provider.counts).toEqual({ token: 2, refresh: 1, revocation: 0, authorization: 1 });

    // A rejected refresh is still a refresh request.
    await expect(oidc.refreshTokenGrant(config, "unknown")).rejects.toMatchObject({ error: "invalid_grant" });
    expect(provider.counts).toMatchObject({ token: 3, refresh: 2 });

    await oidc.tokenRevocation(config, refreshed.refresh_token ?? "");
    expect(provider.counts).toEqual({ token: 3, refresh: 2, revocation: 1, authorization: 1 });
  });

  it("failNext answers the next N token requests with the injected status, then recovers", async () => {
    const tokens = await obtainTokens(provider, config, { redirectUri: REDIRECT, scope: "repo", user: "alice" });
    const refreshToken = tokens.refresh_token ?? "";
    provider.failNext("token", { status: 503, times: 2 });

    const first = await refreshRaw(provider, refreshToken);
    expect(first.status).toBe(503);
    expect(await first.json()).toMatchObject({ error: "temporarily_unavailable" });
    expect(await failureStatus(oidc.refreshTokenGrant(config, refreshToken))).toBe(503);

    // The outages never reached oidc-provider, so the refresh token was not rotated away.
    const recovered = await oidc.refreshTokenGrant(config, refreshToken);
    expect(recovered.access_token).toBeTruthy();
    expect(provider.counts).toMatchObject({ token: 4, refresh: 3 });
  });

  it("failNext defaults to one failure and can inject a 500 with a chosen error", async () => {
    const tokens = await obtainTokens(provider, config, { redirectUri: REDIRECT, scope: "repo", user: "alice" });
    provider.failNext("token", { status: 500 });
    const failed = await refreshRaw(provider, tokens.refresh_token ?? "");
    expect(failed.status).toBe(500);
    expect(await failed.json()).toMatchObject({ error: "server_error" });
    expect((await refreshRaw(provider, tokens.refresh_token ?? "")).status).toBe(200);

    provider.failNext("revocation", { status: 503, error: "slow_down" });
    expect(await failureStatus(oidc.tokenRevocation(config, tokens.access_token))).toBe(503);
    // The outage swallowed the revocation: the token still works.
    expect((await getMe(provider, tokens.access_token)).status).toBe(200);
  });

  it("failNext rejects nonsense", () => {
    expect(() => provider.failNext("token", { status: 200 })).toThrow(RangeError);
    expect(() => provider.failNext("token", { status: 503, times: 0 })).toThrow(RangeError);
  });
});
