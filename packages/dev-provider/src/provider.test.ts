import * as oidc from "openid-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_CLIENT, startDevProvider } from "./provider.ts";
import { authorizationRequest, discoverClient, getMe, obtainTokens } from "./testing/oauth-flow.ts";
import type { DevProvider } from "./types.ts";

const REDIRECT = "http://localhost:8787/oauth/callback/github";

describe("dev provider: discovery and the authorization code flow", () => {
  let provider: DevProvider;
  let config: oidc.Configuration;

  beforeAll(async () => {
    provider = await startDevProvider();
    config = await discoverClient(provider, DEFAULT_CLIENT);
  });
  afterAll(() => provider.close());

  it("listens on 127.0.0.1 and publishes its endpoints through discovery", async () => {
    expect(provider.issuer).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const metadata = config.serverMetadata();
    expect(metadata.issuer).toBe(provider.issuer);
    expect(metadata.authorization_endpoint).toBe(provider.authorizationUrl);
    expect(metadata.token_endpoint).toBe(provider.tokenUrl);
    expect(metadata.revocation_endpoint).toBe(provider.revocationUrl);
    expect(metadata.userinfo_endpoint).toBe(provider.userinfoUrl);
    expect(metadata.introspection_endpoint).toBe(provider.introspectionUrl);
    expect(metadata.code_challenge_methods_supported).toEqual(["S256"]);
    expect(metadata.authorization_response_iss_parameter_supported).toBe(true);
    expect(metadata.response_types_supported).toEqual(["code"]);
    expect(metadata.scopes_supported).toEqual(
      expect.arrayContaining(["openid", "profile", "email", "offline_access", "repo", "read:user", "calendar.read", "calendar.write", "mail.send"]),
    );
  });

  it("runs a full code flow with PKCE: consent, code with state and iss, token exchange, /me", async () => {
    const request = await authorizationRequest(config, REDIRECT, "repo read:user");
    const callback = new URL(await provider.consent(request.url.href, { user: "alice" }));

    expect(`${callback.origin}${callback.pathname}`).toBe(REDIRECT);
    expect(callback.searchParams.get("state")).toBe(request.state);
    expect(callback.searchParams.get("iss")).toBe(provider.issuer); // RFC 9207
    expect(callback.searchParams.get("code")).toBeTruthy();

    const tokens = await oidc.authorizationCodeGrant(config, callback, {
      pkceCodeVerifier: request.verifier,
      expectedState: request.state,
    });
    expect(tokens.token_type.toLowerCase()).toBe("bearer");
    expect(tokens.scope).toBe("repo read:user");
    expect(tokens.expires_in).toBe(3600);
    expect(tokens.refresh_token).toBeTruthy(); // issued without offline_access
    // Opaque, not a JWT.
    expect(tokens.access_token.split(".")).toHaveLength(1);

    const me = await getMe(provider, tokens.access_token);
    expect(me.status).toBe(200);
    expect(await me.json()).toEqual({ sub: "alice", scopes: ["repo", "read:user"], client_id: "demo-client" });
  });

  it("redeems an authorization code only once and only with the right verifier", async () => {
    const request = await authorizationRequest(config, REDIRECT, "repo");
    const callback = new URL(await provider.consent(request.url.href, { user: "alice" }));
    await expect(
      oidc.authorizationCodeGrant(config, callback, { pkceCodeVerifier: oidc.randomPKCECodeVerifier(), expectedState: request.state }),
    ).rejects.toMatchObject({ error: "invalid_grant" });
    // A failed PKCE check does not burn the code, but a successful redemption does.
    await oidc.authorizationCodeGrant(config, callback, { pkceCodeVerifier: request.verifier, expectedState: request.state });
    await expect(
      oidc.authorizationCodeGrant(config, callback, { pkceCodeVerifier: request.verifier, expectedState: request.state }),
    ).rejects.toMatchObject({ error: "invalid_grant" });
  });

  it("refuses an authorization request without a PKCE code_challenge", async () => {
    const url = oidc.buildAuthorizationUrl(config, { redirect_uri: REDIRECT, scope: "repo", state: "s-no-pkce" });
    const callback = new URL(await provider.consent(url.href));
    expect(callback.searchParams.get("error")).toBe("invalid_request");
    expect(callback.searchParams.get("error_description")).toMatch(/PKCE/i);
    expect(callback.searchParams.get("code")).toBeNull();
    expect(callback.searchParams.get("state")).toBe("s-no-pkce");
  });

  it("refuses the plain PKCE method", async () => {
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: REDIRECT,
      scope: "repo",
      code_challenge: oidc.randomPKCECodeVerifier(),
      code_challenge_method: "plain",
    });
    const callback = new URL(await provider.consent(url.href));
    expect(callback.searchParams.get("error")).toBe("invalid_request");
    expect(callback.searchParams.get("code")).toBeNull();
  });

  it("sends error=access_denied (with state and iss) when the user denies", async () => {
    const request = await authorizationRequest(config, REDIRECT, "repo");
    const callback = new URL(await provider.consent(request.url.href, { user: "alice", decision: "deny" }));
    expect(`${callback.origin}${callback.pathname}`).toBe(REDIRECT);
    expect(callback.searchParams.get("error")).toBe("access_denied");
    expect(callback.searchParams.get("code")).toBeNull();
    expect(callback.searchParams.get("state")).toBe(request.state);
    expect(callback.searchParams.get("iss")).toBe(provider.issuer);
  });

  it("keeps scopes beyond OIDC together with openid, so one token serves userinfo and the API", async () => {
    const tokens = await obtainTokens(provider, config, { redirectUri: REDIRECT, scope: "openid email repo", user: "carol" });
    expect(tokens.scope?.split(" ").sort()).toEqual(["email", "openid", "repo"]);
    expect(tokens.claims()?.sub).toBe("carol");

    const userinfo = await oidc.fetchUserInfo(config, tokens.access_token, "carol");
    expect(userinfo).toMatchObject({ sub: "carol", email: "carol@example.test" });

    const me = await getMe(provider, tokens.access_token);
    expect(((await me.json()) as { scopes: string[] }).scopes.sort()).toEqual(["email", "openid", "repo"]);
  });

  it("answers /me with 401 and a Bearer challenge without a valid token", async () => {
    const missing = await fetch(`${provider.apiUrl}/me`);
    expect(missing.status).toBe(401);
    expect(missing.headers.get("www-authenticate")).toMatch(/^Bearer realm=/);

    const bogus = await getMe(provider, "not-a-token");
    expect(bogus.status).toBe(401);
    expect(bogus.headers.get("www-authenticate")).toContain('error="invalid_token"');
  });

  it("refuses an unregistered redirect_uri with an error page instead of redirecting", async () => {
    const request = await authorizationRequest(config, "http://localhost:8787/oauth/callback/evil", "repo");
    await expect(provider.consent(request.url.href)).rejects.toThrow(/redirect_uri/);
  });
});
