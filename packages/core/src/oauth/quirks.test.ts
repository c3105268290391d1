import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createOAuthClient } from "./client.ts";
import { defineProvider } from "../providers/define.ts";
import type { ProviderDefinition } from "../providers/types.ts";

/**
 * GitHub and Slack cannot run here, so a local token endpoint answers the way
 * their documentation says they answer; everything else is the real client.
 */
let server: Server;
let base = "";
const seen: { path: string; body: string; auth: string | undefined; accept: string | undefined }[] = [];
const answers = new Map<string, { status: number; body: unknown }>();

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      seen.push({ path: req.url ?? "", body, auth: req.headers.authorization, accept: req.headers.accept });
      const answer = answers.get(req.url ?? "") ?? { status: 404, body: {} };
      res.writeHead(answer.status, { "content-type": "application/json" });
      res.end(JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

function provider(over: Partial<ProviderDefinition>): ProviderDefinition {
  return defineProvider({ id: "p", name: "P", authorizationUrl: `${base}/authorize`, tokenUrl: `${base}/token`, clientId: "cid", clientSecret: "csecret", ...over });
}
const callback = (state: string) => new URL(`http://127.0.0.1:8787/oauth/callback/p?code=c0de&state=${state}`);

describe("provider quirks at the token endpoint", () => {
  it("GitHub: an OAuth error sent with HTTP 200 is an error, not a token", async () => {
    const gh = provider({ tokenUrl: `${base}/gh/token`, quirks: { tokenErrorsWithStatus200: true } });
    answers.set("/gh/token", { status: 200, body: { error: "bad_verification_code", error_description: "The code passed is incorrect or expired." } });
    const client = createOAuthClient(gh, { retry: { attempts: 1, baseDelayMs: 0 } });
    await expect(client.exchangeCode(callback("s1"), { codeVerifier: "v".repeat(43), state: "s1", requestedScopes: ["repo"] })).rejects.toMatchObject({
      code: "token_exchange_failed",
      oauthError: "bad_verification_code",
    });
    expect(seen.at(-1)?.accept).toContain("application/json");
  });

  it("GitHub: comma-separated granted scopes are split", async () => {
    const gh = provider({ tokenUrl: `${base}/gh/ok`, quirks: { tokenErrorsWithStatus200: true } });
    answers.set("/gh/ok", { status: 200, body: { access_token: "gho_x", token_type: "bearer", scope: "repo,gist" } });
    const set = await createOAuthClient(gh).exchangeCode(callback("s2"), { codeVerifier: "v".repeat(43), state: "s2", requestedScopes: ["repo"] });
    expect(set).toMatchObject({ accessToken: "gho_x", scopes: ["repo", "gist"] });
  });

  it("Slack: the user token under authed_user, with token_type 'user', is lifted to the top", async () => {
    const slack = provider({
      tokenUrl: `${base}/slack/token`,
      clientAuth: "client_secret_post",
      quirks: { scopeParam: "user_scope", tokenResponseMember: "authed_user", nonStandardTokenType: true },
    });
    answers.set("/slack/token", {
      status: 200,
      body: { ok: true, app_id: "A1", authed_user: { id: "U1", scope: "channels:read,groups:read", access_token: "xoxp-1", token_type: "user" }, team: { id: "T1" } },
    });
    const set = await createOAuthClient(slack).exchangeCode(callback("s3"), { codeVerifier: "v".repeat(43), state: "s3", requestedScopes: [] });
    expect(set).toMatchObject({ accessToken: "xoxp-1", tokenType: "bearer", scopes: ["channels:read", "groups:read"] });
    const sent = new URLSearchParams(seen.at(-1)!.body);
    expect(sent.get("client_secret")).toBe("csecret");
    expect(seen.at(-1)!.auth).toBeUndefined();
  });

  it("Twitch: a scope array in the token response is joined", async () => {
    const twitch = provider({ tokenUrl: `${base}/twitch/token`, quirks: { scopeArrayInTokenResponse: true } });
    answers.set("/twitch/token", { status: 200, body: { access_token: "tw", token_type: "bearer", scope: ["user:read:email", "chat:read"] } });
    const set = await createOAuthClient(twitch).exchangeCode(callback("s5"), { codeVerifier: "v".repeat(43), state: "s5", requestedScopes: [] });
    expect(set.scopes).toEqual(["user:read:email", "chat:read"]);
  });

  it("client_secret_basic sends the secret in the Authorization header, with the PKCE verifier in the body", async () => {
    answers.set("/basic/token", { status: 200, body: { access_token: "t", token_type: "Bearer", expires_in: 60 } });
    const p = provider({ tokenUrl: `${base}/basic/token`, tokenParams: { audience: "api" } });
    const set = await createOAuthClient(p, { now: () => 1_000 }).exchangeCode(callback("s4"), { codeVerifier: "w".repeat(43), state: "s4", requestedScopes: ["a"] });
    expect(set).toMatchObject({ tokenType: "bearer", expiresAt: 61_000, scopes: ["a"] });
    const last = seen.at(-1)!;
    expect(Buffer.from(last.auth!.replace("Basic ", ""), "base64").toString()).toBe("cid:csecret");
    const body = new URLSearchParams(last.body);
    expect(body.get("code_verifier")).toBe("w".repeat(43));
    expect(body.get("redirect_uri")).toBe("http://127.0.0.1:8787/oauth/callback/p");
    expect(body.get("audience")).toBe("api");
    expect(body.get("client_secret")).toBeNull();
  });

  it("a 4xx at refresh is a TokenExchangeError carrying the OAuth error code", async () => {
    answers.set("/refresh/token", { status: 400, body: { error: "invalid_grant" } });
    const p = provider({ tokenUrl: `${base}/refresh/token` });
    await expect(createOAuthClient(p).refresh("rt", [])).rejects.toMatchObject({ code: "token_exchange_failed", oauthError: "invalid_grant" });
  });

  it("a refresh response without a refresh token keeps the old one (RFC 6749 §6)", async () => {
    answers.set("/keep/token", { status: 200, body: { access_token: "new", token_type: "bearer" } });
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
