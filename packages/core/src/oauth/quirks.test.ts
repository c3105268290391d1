import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOAuthClient } from "./client.ts";
import { startTokenEndpointStandIn, type TokenEndpointStandIn } from "./token-endpoint.fixture.ts";
import { defineProvider } from "../providers/define.ts";
import type { ProviderDefinition } from "../providers/types.ts";

/**
 * GitHub and Slack cannot run here, so a local token endpoint answers the way
 * their documentation says they answer; everything else is the real client.
 */
let standIn: TokenEndpointStandIn;
let base = "";

beforeAll(async () => {
  standIn = await startTokenEndpointStandIn();
  base = standIn.base;
});
afterAll(() => standIn.close());

function provider(over: Partial<ProviderDefinition>): ProviderDefinition {
  return defineProvider({ id: "p", name: "P", authorizationUrl: `${base}/authorize`, tokenUrl: `${base}/token`, clientId: "cid", clientSecret: "csecret", ...over });
}
const callback = (state: string) => new URL(`http://127.0.0.1:8787/oauth/callback/p?code=c0de&state=${state}`);

describe("provider quirks at the token endpoint", () => {
  it("GitHub: an OAuth error sent with HTTP 200 is an error, not a token", async () => {
    const gh = provider({ tokenUrl: `${base}/gh/token`, quirks: { tokenErrorsWithStatus200: true } });
    standIn.answer("/gh/token", 200, { error: "bad_verification_code", error_description: "The code passed is incorrect or expired." });
    const client = createOAuthClient(gh, { retry: { attempts: 1, baseDelayMs: 0 } });
    await expect(client.exchangeCode(callback("s1"), { codeVerifier: "v".repeat(43), state: "s1", requestedScopes: ["repo"] })).rejects.toMatchObject({
      code: "token_exchange_failed",
      oauthError: "bad_verification_code",
    });
    expect(standIn.lastAt("/gh/token").accept).toContain("application/json");
  });

  it("GitHub: comma-separated granted scopes are split", async () => {
    const gh = provider({ tokenUrl: `${base}/gh/ok`, quirks: { tokenErrorsWithStatus200: true } });
    standIn.answer("/gh/ok", 200, { access_token: "gho_x", token_type: "bearer", scope: "repo,gist" });
    const set = await createOAuthClient(gh).exchangeCode(callback("s2"), { codeVerifier: "v".repeat(43), state: "s2", requestedScopes: ["repo"] });
    expect(set).toMatchObject({ accessToken: "gho_x", scopes: ["repo", "gist"] });
  });

  it("Slack: the user token under authed_user, with token_type 'user', is lifted to the top", async () => {
    const slack = provider({
      tokenUrl: `${base}/slack/token`,
      clientAuth: "client_secret_post",
      quirks: { scopeParam: "user_scope", tokenResponseMember: "authed_user", nonStandardTokenType: true },
    });
    standIn.answer("/slack/token", 200, {
      ok: true,
      app_id: "A1",
      authed_user: { id: "U1", scope: "channels:read,groups:read", access_token: "xoxp-1", token_type: "user" },
      team: { id: "T1" },
    });
    const set = await createOAuthClient(slack).exchangeCode(callback("s3"), { codeVerifier: "v".repeat(43), state: "s3", requestedScopes: [] });
    expect(set).toMatchObject({ accessToken: "xoxp-1", tokenType: "bearer", scopes: ["channels:read", "groups:read"] });
    const sent = new URLSearchParams(standIn.lastAt("/slack/token").body);
    expect(sent.get("client_secret")).toBe("csecret");
    expect(standIn.lastAt("/slack/token").authorization).toBeUndefined();
  });

  it("Twitch: a scope array in the token response is joined", async () => {
    const twitch = provider({ tokenUrl: `${base}/twitch/token`, quirks: { scopeArrayInTokenResponse: true } });
    standIn.answer("/twitch/token", 200, { access_token: "tw", token_type: "bearer", scope: ["user:read:email", "chat:read"] });
    const set = await createOAuthClient(twitch).exchangeCode(callback("s5"), { codeVerifier: "v".repeat(43), state: "s5", requestedScopes: [] });
    expect(set.scopes).toEqual(["user:read:email", "chat:read"]);
  });

  it("client_secret_basic sends the secret in the Authorization header, with the PKCE verifier in the body", async () => {
    standIn.answer("/basic/token", 200, { access_token: "t", token_type: "Bearer", expires_in: 60 });
    const p = provider({ tokenUrl: `${base}/basic/token`, tokenParams: { audience: "api" } });
    const set = await createOAuthClient(p, { now: () => 1_000 }).exchangeCode(callback("s4"), { codeVerifier: "w".repeat(43), state: "s4", requestedScopes: ["a"] });
    expect(set).toMatchObject({ tokenType: "bearer", expiresAt: 61_000, scopes: ["a"] });
    const last = standIn.lastAt("/basic/token");
    expect(Buffer.from(last.authorization!.replace("Basic ", ""), "base64").toString()).toBe("cid:csecret");
    const body = new URLSearchParams(last.body);
    expect(body.get("code_verifier")).toBe("w".repeat(43));
    expect(body.get("redirect_uri")).toBe("http://127.0.0.1:8787/oauth/callback/p");
    expect(body.get("audience")).toBe("api");
    expect(body.get("client_secret")).toBeNull();
  });

  it("a 4xx at refresh is a TokenExchangeError carrying the OAuth error code", async () => {
    standIn.answer("/refresh/token", 400, { error: "invalid_grant" });
    const p = provider({ tokenUrl: `${base}/refresh/token` });
    await expect(createOAuthClient(p).refresh("rt", [])).rejects.toMatchObject({ code: "token_exchange_failed", oauthError: "invalid_grant" });
  });

  it("a refresh response without a refresh token keeps the old one (RFC 6749 §6)", async () => {
    standIn.answer("/keep/token", 200, { access_token: "new", token_type: "bearer" });
    const p = provider({ tokenUrl: `${base}/keep/token` });
    await expect(createOAuthClient(p).refresh("old-rt", ["x"])).resolves.toMatchObject({ accessToken: "new", refreshToken: "old-rt", scopes: ["x"] });
  });

  it("an unreachable provider is ProviderUnavailableError after the bounded retries", async () => {
    const p = provider({ tokenUrl: "http://127.0.0.1:1/token" });
    await expect(createOAuthClient(p, { retry: { attempts: 2, baseDelayMs: 1 } }).refresh("rt", [])).rejects.toMatchObject({
      code: "provider_unavailable",
      retryable: true,
      message: expect.stringContaining("after 2 attempts"),
    });
  });
});
