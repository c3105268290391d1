import * as oidc from "openid-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CookieJar } from "./cookie-jar.ts";
import { DEFAULT_CLIENT, startDevProvider } from "./provider.ts";
import { authorizationRequest, discoverClient } from "./testing/oauth-flow.ts";
import type { DevProvider } from "./types.ts";

const REDIRECT = "http://localhost:8787/oauth/callback/github";

/** A minimal browser: one cookie jar, no automatic redirects. */
class Browser {
  readonly jar = new CookieJar();

  async go(url: URL, form?: Record<string, string>): Promise<Response> {
    const headers: Record<string, string> = {};
    const cookie = this.jar.headerFor(url);
    if (cookie) headers["cookie"] = cookie;
    const init: RequestInit = { redirect: "manual", headers };
    if (form) {
      init.method = "POST";
      headers["content-type"] = "application/x-www-form-urlencoded";
      init.body = new URLSearchParams(form).toString();
    }
    const response = await fetch(url, init);
    this.jar.store(response, url);
    return response;
  }
}

function location(response: Response, base: string): URL {
  expect(response.status).toBeGreaterThanOrEqual(300);
  expect(response.status).toBeLessThan(400);
  return new URL(response.headers.get("location") ?? "", base);
}

describe("dev provider: login and consent pages a person can use", () => {
  let provider: DevProvider;
  let config: oidc.Configuration;

  beforeAll(async () => {
    provider = await startDevProvider({ name: "Pretend GitHub" });
    config = await discoverClient(provider, DEFAULT_CLIENT);
  });
  afterAll(() => provider.close());

  it("serves a login form, re-asks on an invalid username, then a consent page with Approve and Deny", async () => {
    const browser = new Browser();
    const request = await authorizationRequest(config, REDIRECT, "repo calendar.read");

    const loginUrl = location(await browser.go(request.url), provider.issuer);
    expect(loginUrl.pathname).toMatch(/^\/interaction\/[\w-]+$/);
    const loginPage = await browser.go(loginUrl);
    expect(loginPage.status).toBe(200);
    expect(loginPage.headers.get("content-type")).toMatch(/text\/html/);
    const loginHtml = await loginPage.text();
    expect(loginHtml).toContain("Pretend GitHub");
    expect(loginHtml).toMatch(/<input[^>]*name="login"/);
    // Offline by design: no external stylesheets, fonts or scripts.
    expect(loginHtml).not.toMatch(/https?:\/\/(?!127\.0\.0\.1)/);

    const rejected = await browser.go(new URL(`${loginUrl.pathname}/login`, provider.issuer), { login: "no spaces please" });
    expect(rejected.status).toBe(400);
    expect(await rejected.text()).toMatch(/<input[^>]*name="login"/);

    const resume = location(await browser.go(new URL(`${loginUrl.pathname}/login`, provider.issuer), { login: "alice" }), provider.issuer);
    const consentUrl = location(await browser.go(resume), provider.issuer);
    const consentPage = await browser.go(consentUrl);
    const consentHtml = await consentPage.text();
    expect(consentHtml).toContain("alice");
    expect(consentHtml).toContain("demo-client");
    expect(consentHtml).toContain("calendar.read");
    expect(consentHtml).toMatch(/<button[^>]*>Approve<\/button>/);
    expect(consentHtml).toMatch(/<button[^>]*>Deny<\/button>/);

    const back = location(await browser.go(new URL(`${consentUrl.pathname}/confirm`, provider.issuer), { decision: "approve" }), provider.issuer);
    const callback = location(await browser.go(back), provider.issuer);
    expect(`${callback.origin}${callback.pathname}`).toBe(REDIRECT);
    expect(callback.searchParams.get("code")).toBeTruthy();
  });

  it("refuses an interaction submitted without the browser's interaction cookie", async () => {
    const browser = new Browser();
    const request = await authorizationRequest(config, REDIRECT, "repo");
    const loginUrl = location(await browser.go(request.url), provider.issuer);

    const stranger = new Browser();
    const response = await stranger.go(new URL(`${loginUrl.pathname}/login`, provider.issuer), { login: "mallory" });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('data-error="invalid_request"');
  });

  it("refuses a form posted to another interaction's URL", async () => {
    const browser = new Browser();
    const first = location(await browser.go((await authorizationRequest(config, REDIRECT, "repo")).url), provider.issuer);
    const second = location(await browser.go((await authorizationRequest(config, REDIRECT, "repo")).url), provider.issuer);
    expect(second.pathname).not.toBe(first.pathname);

    // Present the first interaction's cookies at the second interaction's login route.
    const response = await fetch(new URL(`${second.pathname}/login`, provider.issuer), {
      method: "POST",
      redirect: "manual",
      headers: { cookie: browser.jar.headerFor(first) ?? "", "content-type": "application/x-www-form-urlencoded" },
      body: "login=mallory",
    });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("does not match");
  });

  it("drives the same pages headlessly for any username, creating the account", async () => {
    const request = await authorizationRequest(config, REDIRECT, "openid email");
    const callback = new URL(await provider.consent(request.url.href, { user: "new.user+1@corp" }));
    const tokens = await oidc.authorizationCodeGrant(config, callback, { pkceCodeVerifier: request.verifier, expectedState: request.state });
    expect(tokens.claims()?.sub).toBe("new.user+1@corp");
    // With userinfo available, oidc-provider keeps scope claims out of the ID token.
    const userinfo = await oidc.fetchUserInfo(config, tokens.access_token, "new.user+1@corp");
    expect(userinfo.email).toBe("new.user+1@corp@example.test");
  });

  it("rejects usernames it could not safely use as an account id", async () => {
    const request = await authorizationRequest(config, REDIRECT, "repo");
    await expect(provider.consent(request.url.href, { user: "a b" })).rejects.toThrow(TypeError);
    await expect(provider.consent("http://127.0.0.1:1/auth")).rejects.toThrow(/not this provider/);
  });
});
