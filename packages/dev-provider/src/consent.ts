import { CookieJar } from "./cookie-jar.ts";
import { USERNAME_PATTERN } from "./interactions.ts";
import type { ConsentOptions } from "./types.ts";

/** Login, consent and a few internal redirects take about 6 hops; more means a loop. */
const MAX_STEPS = 20;

/**
 * Plays the browser: follows the provider's redirects with a cookie jar,
 * submits the login form and presses Approve or Deny on the consent page —
 * the same pages and form routes a person uses. Stops at the first redirect
 * that leaves the provider for the client's redirect_uri and returns that URL
 * without requesting it, so the caller decides how its callback is hit.
 */
export async function driveConsent(issuer: string, authorizationUrl: string, options: ConsentOptions = {}): Promise<string> {
  const origin = new URL(issuer).origin;
  let url = new URL(authorizationUrl);
  if (url.origin !== origin) {
    throw new Error(`consent(): ${url.origin} is not this provider (${origin})`);
  }
  const user = options.user ?? "demo-user";
  if (!USERNAME_PATTERN.test(user)) throw new TypeError(`consent(): invalid username ${JSON.stringify(user)}`);
  const decision = options.decision ?? "approve";
  const redirectUri = url.searchParams.get("redirect_uri");
  const jar = new CookieJar();

  let response = await send(jar, "GET", url);
  for (let step = 0; step < MAX_STEPS; step += 1) {
    if (response.status >= 300 && response.status < 400) {
      await response.body?.cancel();
      const location = response.headers.get("location");
      if (!location) throw new Error(`consent(): ${response.status} without Location from ${url.pathname}`);
      const next = new URL(location, url);
      if (next.origin !== origin || (redirectUri !== null && sameEndpoint(next, redirectUri))) return next.href;
      url = next;
      response = await send(jar, "GET", url);
      continue;
    }

    const html = await response.text();
    if (response.status !== 200) throw new Error(`consent(): ${response.status} at ${url.pathname}: ${describeError(html)}`);
    const prompt = /data-prompt="(login|consent)"/.exec(html)?.[1];
    if (prompt === "login") {
      url = new URL(formAction(html, "/login"), url);
      response = await send(jar, "POST", url, new URLSearchParams({ login: user }));
    } else if (prompt === "consent") {
      url = new URL(formAction(html, decision === "deny" ? "/abort" : "/confirm"), url);
      response = await send(jar, "POST", url, new URLSearchParams({ decision }));
    } else {
      throw new Error(`consent(): unexpected page at ${url.pathname}`);
    }
  }
  throw new Error(`consent(): no redirect to the client after ${MAX_STEPS} steps`);
}

async function send(jar: CookieJar, method: "GET" | "POST", url: URL, form?: URLSearchParams): Promise<Response> {
  const headers: Record<string, string> = { accept: "text/html" };
  const cookie = jar.headerFor(url);
  if (cookie) headers["cookie"] = cookie;
  const init: RequestInit = { method, headers, redirect: "manual" };
  if (form) {
    headers["content-type"] = "application/x-www-form-urlencoded";
    init.body = form.toString();
  }
  const response = await fetch(url, init);
  jar.store(response, url);
  return response;
}

function sameEndpoint(url: URL, redirectUri: string): boolean {
  const expected = URL.parse(redirectUri);
  return expected !== null && url.origin === expected.origin && url.pathname === expected.pathname;
}

function formAction(html: string, suffix: string): string {
  for (const match of html.matchAll(/<form[^>]*\saction="([^"]+)"/g)) {
    const action = (match[1] ?? "").replaceAll("&amp;", "&");
    if (action.endsWith(suffix)) return action;
  }
  throw new Error(`consent(): no form posting to *${suffix}`);
}

function describeError(html: string): string {
  const error = /data-error="([^"]*)"/.exec(html)?.[1];
  const description = /data-error-description="([^"]*)"/.exec(html)?.[1];
  if (!error) return "unexpected response";
  return unescapeHtml(description ? `${error}: ${description}` : error);
}

function unescapeHtml(value: string): string {
  return value
    .replaceAll("&quot;", '"')
    .replaceAll("&#39;", "'")
    .replaceAll("&lt;", "<")
    .replaceAll("&gt;", ">")
    .replaceAll("&amp;", "&");
}
