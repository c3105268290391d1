/**
 * LangGraph server custom auth (`langgraph.json` → `"auth"`) runs the
 * `authenticate` handler for custom routes too. The provider's redirect to
 * the callback is a plain browser navigation without an `Authorization`
 * header, so a handler that demands one refuses the consent.
 * These helpers let exactly that route through: it is protected by its
 * single-use, short-lived, PKCE-bound `state`, not by the caller's identity.
 */

export interface OAuthCallbackMatchOptions {
  /** The `basePath` given to createOAuthApp, if any (e.g. "/auth"). */
  basePath?: string | undefined;
}

/** The identity the LangGraph server records for a callback request; it can do nothing but reach the callback route. */
export const OAUTH_CALLBACK_IDENTITY = {
  identity: "langgraph-oauth:callback",
  display_name: "OAuth callback",
  is_authenticated: false,
  permissions: [] as string[],
};

export type OAuthCallbackIdentity = typeof OAUTH_CALLBACK_IDENTITY;

function prefixOf(basePath: string | undefined): string {
  const base = basePath === undefined || basePath === "/" ? "" : basePath.replace(/\/+$/, "");
  return `${base}/oauth/callback/`;
}

/**
 * True for `GET`/`HEAD {basePath}/oauth/callback/{provider}` and nothing
 * else: not other methods, not deeper paths, not the `/v2/auth` API (which
 * has its own API key). The path is read from the parsed URL, where dot
 * segments (`/oauth/callback/../threads`, also `%2e%2e`) are already resolved.
 */
export function isOAuthCallbackRequest(request: Request | { method: string; url: string }, options: OAuthCallbackMatchOptions = {}): boolean {
  if (request.method !== "GET" && request.method !== "HEAD") return false;
  let pathname: string;
  try {
    pathname = new URL(request.url).pathname;
  } catch {
    return false;
  }
  const prefix = prefixOf(options.basePath);
  if (!pathname.startsWith(prefix)) return false;
  const provider = pathname.slice(prefix.length);
  return provider.length > 0 && !provider.includes("/");
}

/**
 * Wraps a custom auth `authenticate` handler so the OAuth callback passes:
 *
 * ```ts
 * export const auth = new Auth().authenticate(allowOAuthCallback(async (request) => verify(request)));
 * ```
 *
 * Callback requests get OAUTH_CALLBACK_IDENTITY (unauthenticated, no
 * permissions); every other request goes to your handler unchanged.
 */
export function allowOAuthCallback<T>(
  authenticate: (request: Request) => T | Promise<T>,
  options: OAuthCallbackMatchOptions = {},
): (request: Request) => Promise<T | OAuthCallbackIdentity> {
  return async (request) => (isOAuthCallbackRequest(request, options) ? { ...OAUTH_CALLBACK_IDENTITY, permissions: [] } : authenticate(request));
}
