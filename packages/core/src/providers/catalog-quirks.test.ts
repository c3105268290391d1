import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TokenExchangeError } from "../errors/errors.ts";
import { createOAuthClient } from "../oauth/client.ts";
import { startTokenEndpointStandIn, type TokenEndpointStandIn } from "../oauth/token-endpoint.fixture.ts";
import type { CatalogProviderName } from "./catalog/index.ts";
import { catalogNames, sampleCredentials, sampleEntry } from "./catalog-samples.fixture.ts";
import { defineProvider } from "./define.ts";
import type { ProviderCredentials, ProviderDefinition } from "./types.ts";

/**
 * Each catalog entry, unchanged except for its token endpoint, against a
 * local stand-in that answers the way that provider documents (none of them
 * can run here). The OAuth client and the quirk handling are the real ones.
 */
let standIn: TokenEndpointStandIn;
beforeAll(async () => {
  standIn = await startTokenEndpointStandIn();
});
afterAll(() => standIn.close());

const verifier = "v".repeat(43);
const noRetry = { retry: { attempts: 1, baseDelayMs: 0 } };

/** The entry `name` with its token endpoint at the stand-in, under /{name}/token. */
function atStandIn(name: CatalogProviderName, credentials?: ProviderCredentials): ProviderDefinition {
  return defineProvider({ ...sampleEntry(name, credentials), tokenUrl: `${standIn.base}/${name}/token` });
}

function exchange(entry: ProviderDefinition, requestedScopes: readonly string[] = entry.scopes ?? []) {
  const callback = new URL(`http://127.0.0.1:8787/oauth/callback/${entry.id}?code=c0de&state=st4te`);
  return createOAuthClient(entry, noRetry).exchangeCode(callback, { codeVerifier: verifier, state: "st4te", requestedScopes });
}

/**
 * "id:secret" from an HTTP Basic header. RFC 6749 §2.3.1 form-encodes both
 * before base64, and the client does ("-" is sent as "%2D"), so the
 * stand-in decodes them as a conforming server does.
 */
function basicCredentials(encoded: string): string {
  const [id = "", secret = ""] = Buffer.from(encoded, "base64").toString().split(":");
  return `${decodeURIComponent(id)}:${decodeURIComponent(secret)}`;
}

/** Where the client credentials travelled in the last token request to `name`. */
function credentialsSent(name: CatalogProviderName) {
  const request = standIn.lastAt(`/${name}/token`);
  const form = new URLSearchParams(request.body);
  return {
    form,
    basic: request.authorization?.startsWith("Basic ") ? basicCredentials(request.authorization.slice(6)) : undefined,
    bodyId: form.get("client_id"),
    bodySecret: form.get("client_secret"),
  };
}

describe("every catalog entry at a stand-in token endpoint", () => {
  it.each(catalogNames)("%s: client authentication as the entry states, PKCE verifier and fixed token parameters", async (name) => {
    standIn.answer(`/${name}/token`, 200, { access_token: `at-${name}`, token_type: "Bearer", expires_in: 3600, refresh_token: "rt-1" });
    const entry = atStandIn(name);
    await expect(exchange(entry)).resolves.toMatchObject({ accessToken: `at-${name}`, refreshToken: "rt-1" });

    const sent = credentialsSent(name);
    expect(sent.form.get("grant_type")).toBe("authorization_code");
    expect(sent.form.get("code_verifier")).toBe(verifier);
    for (const [key, value] of Object.entries(entry.tokenParams ?? {})) expect(sent.form.get(key), key).toBe(value);
    if (entry.clientAuth === "client_secret_basic") {
      expect(sent.basic).toBe(`${sampleCredentials.clientId}:${sampleCredentials.clientSecret}`);
      expect(sent.bodySecret).toBeNull();
    } else {
      expect(entry.clientAuth).toBe("client_secret_post");
      expect(sent.basic).toBeUndefined();
      expect([sent.bodyId, sent.bodySecret]).toEqual([sampleCredentials.clientId, sampleCredentials.clientSecret]);
    }

    // A refresh authenticates the same way and repeats the fixed parameters (Withings' action).
    await createOAuthClient(entry, noRetry).refresh("rt-1", entry.scopes ?? []);
    const refresh = credentialsSent(name);
    expect(refresh.form.get("grant_type")).toBe("refresh_token");
    expect(refresh.basic).toBe(sent.basic);
    expect(refresh.bodySecret).toBe(sent.bodySecret);
    for (const [key, value] of Object.entries(entry.tokenParams ?? {})) expect(refresh.form.get(key), key).toBe(value);
  });

  it.each(catalogNames)("%s: without a secret it is a public client (client_id in the body, nothing else)", async (name) => {
    standIn.answer(`/${name}/token`, 200, { access_token: "at-public", token_type: "Bearer" });
    await expect(exchange(atStandIn(name, { clientId: "public-app" }))).resolves.toMatchObject({ accessToken: "at-public" });
    const sent = credentialsSent(name);
    expect(sent.basic).toBeUndefined();
    expect(sent.bodySecret).toBeNull();
    expect(sent.bodyId).toBe("public-app");
    expect(sent.form.get("code_verifier")).toBe(verifier);
  });
});

describe("quirks, each against a stand-in answering as that provider does", () => {
  it("GitHub: an error sent with HTTP 200 is a TokenExchangeError; granted scopes come back comma-separated", async () => {
    const entry = atStandIn("github");
    standIn.answer("/github/token", 200, { error: "bad_verification_code", error_description: "The code passed is incorrect or expired." });
    const refused = await exchange(entry, ["repo"]).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(TokenExchangeError);
    expect(refused).toMatchObject({ code: "token_exchange_failed", oauthError: "bad_verification_code" });
    expect(standIn.lastAt("/github/token").accept).toContain("application/json");

    standIn.answer("/github/token", 200, { access_token: "gho_x", token_type: "bearer", scope: "repo,gist" });
    await expect(exchange(entry, ["repo"])).resolves.toMatchObject({ accessToken: "gho_x", scopes: ["repo", "gist"], expiresAt: undefined });
  });

  it("Slack: the user token nested in authed_user is lifted; `ok: false` with HTTP 200 is an error", async () => {
    const entry = atStandIn("slack");
    standIn.answer("/slack/token", 200, {
      ok: true,
      app_id: "A1",
      team: { id: "T1" },
      authed_user: { id: "U1", scope: "channels:read,groups:read", access_token: "xoxp-1", token_type: "user" },
    });
    await expect(exchange(entry, ["channels:read"])).resolves.toMatchObject({
      accessToken: "xoxp-1",
      tokenType: "bearer",
      scopes: ["channels:read", "groups:read"],
    });
    // Slack recommends HTTP Basic for oauth.v2.access, and the catalog entry uses it.
    expect(credentialsSent("slack").basic).toBe(`${sampleCredentials.clientId}:${sampleCredentials.clientSecret}`);

    standIn.answer("/slack/token", 200, { ok: false, error: "invalid_code" });
    await expect(exchange(entry, ["channels:read"])).rejects.toMatchObject({ code: "token_exchange_failed", oauthError: "invalid_code" });
  });

  it("Withings: the token nested in `body` is lifted, action=requesttoken is sent, and an HTTP 200 error is an error", async () => {
    const entry = atStandIn("withings");
    standIn.answer("/withings/token", 200, {
      status: 0,
      body: { userid: "363", access_token: "wt-1", refresh_token: "wr-1", scope: "user.info,user.metrics", expires_in: 10800, token_type: "Bearer" },
    });
    const set = await createOAuthClient(entry, { ...noRetry, now: () => 0 }).exchangeCode(
      new URL("http://127.0.0.1:8787/oauth/callback/withings?code=c0de&state=st4te"),
      { codeVerifier: verifier, state: "st4te", requestedScopes: ["user.info"] },
    );
    expect(set).toMatchObject({ accessToken: "wt-1", refreshToken: "wr-1", scopes: ["user.info", "user.metrics"], expiresAt: 10_800_000 });
    expect(credentialsSent("withings").form.get("action")).toBe("requesttoken");

    standIn.answer("/withings/token", 200, { status: 503, body: {}, error: "Invalid Params: invalid code" });
    await expect(exchange(entry)).rejects.toBeInstanceOf(TokenExchangeError);
  });

  it("Twitch: `scope` as a JSON array is joined", async () => {
    standIn.answer("/twitch/token", 200, { access_token: "tw", refresh_token: "twr", expires_in: 14_000, token_type: "bearer", scope: ["user:read:email", "chat:read"] });
    await expect(exchange(atStandIn("twitch"))).resolves.toMatchObject({ scopes: ["user:read:email", "chat:read"] });
  });

  it("Mailchimp: `expires_in: 0` with `scope: null` is a token that never expires", async () => {
    const answer = { access_token: "mc-1", token_type: "bearer", expires_in: 0, scope: null };
    standIn.answer("/mailchimp/token", 200, answer);
    await expect(exchange(atStandIn("mailchimp"))).resolves.toMatchObject({ accessToken: "mc-1", expiresAt: undefined, scopes: [] });

    // Without the two flags a strict client refuses the null scope outright.
    const strict = defineProvider({ ...atStandIn("mailchimp"), quirks: undefined });
    await expect(exchange(strict)).rejects.toBeInstanceOf(TokenExchangeError);
  });

  it.each(["todoist", "mastodon", "dribbble", "wordpress", "netlify", "eventbrite"] as const)(
    "%s: a token without expires_in and without a refresh token never expires",
    async (name) => {
      standIn.answer(`/${name}/token`, 200, { access_token: `forever-${name}`, token_type: "Bearer", scope: "read" });
      const set = await exchange(atStandIn(name));
      expect(set).toMatchObject({ accessToken: `forever-${name}`, expiresAt: undefined, refreshToken: undefined });
    },
  );

  it("space- and comma-separated granted scopes are both split (Todoist and Kakao comma, GitLab and LINE space)", async () => {
    const answers = { todoist: "data:read,task:add", kakao: "profile_nickname,account_email", gitlab: "read_user api", line: "openid profile" } as const;
    for (const [name, scope] of Object.entries(answers) as [keyof typeof answers, string][]) {
      standIn.answer(`/${name}/token`, 200, { access_token: "t", token_type: "Bearer", scope });
      await expect(exchange(atStandIn(name)), name).resolves.toMatchObject({ scopes: scope.split(/[ ,]/) });
    }
  });

  it.each(["strava", "notion", "box", "hubspot"] as const)("%s: a token response without `scope` grants the requested scopes", async (name) => {
    standIn.answer(`/${name}/token`, 200, { access_token: "t", token_type: "bearer" });
    await expect(exchange(atStandIn(name), ["wanted:a", "wanted:b"])).resolves.toMatchObject({ scopes: ["wanted:a", "wanted:b"] });
  });
});
