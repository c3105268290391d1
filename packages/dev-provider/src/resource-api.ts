import type Provider from "oidc-provider";
import type { Middleware } from "./interactions.ts";

type Context = Parameters<Middleware>[0];

export const API_PATH = "/api";

/**
 * A protected resource in the provider's own process, like GitHub's
 * `GET /user`: `GET /api/me` with `Authorization: Bearer <access token>`
 * answers `{ sub, scopes, client_id }`.
 *
 * It exists because oidc-provider's userinfo endpoint demands the `openid`
 * scope, while GitHub-style clients ask for `repo` alone. Tokens are opaque,
 * so it asks the provider itself (AccessToken.find), which returns nothing
 * for unknown, expired or revoked tokens. Tokens are not audience-restricted
 * (resource indicators are off), so one token works here and, with `openid`,
 * at userinfo too — as with Google.
 */
export function resourceApi(provider: Provider, realm: string): Middleware {
  return async (ctx, next) => {
    if (ctx.path !== API_PATH && !ctx.path.startsWith(`${API_PATH}/`)) return next();
    ctx.set("Cache-Control", "no-store");

    if (ctx.path !== `${API_PATH}/me`) {
      ctx.status = 404;
      ctx.body = { error: "not_found" };
      return;
    }
    if (ctx.method !== "GET" && ctx.method !== "HEAD") {
      ctx.status = 405;
      ctx.set("Allow", "GET, HEAD");
      ctx.body = { error: "method_not_allowed" };
      return;
    }

    const value = bearerToken(ctx.get("authorization"));
    if (value === undefined) {
      // RFC 6750 §3.1: a request without credentials gets the challenge but no error code.
      unauthorized(ctx, `Bearer realm="${realm}"`, { error: "unauthorized", error_description: "Bearer token required" });
      return;
    }

    const token = await liveToken(provider, value);
    if (token === undefined) {
      const description = "access token is invalid, expired or revoked";
      unauthorized(ctx, `Bearer realm="${realm}", error="invalid_token", error_description="${description}"`, {
        error: "invalid_token",
        error_description: description,
      });
      return;
    }

    ctx.body = {
      sub: token.accountId,
      scopes: (token.scope ?? "").split(" ").filter(Boolean),
      client_id: token.clientId,
    };
  };
}

interface LiveToken {
  accountId: string;
  clientId: string;
  scope: string | undefined;
}

async function liveToken(provider: Provider, value: string): Promise<LiveToken | undefined> {
  // find() already answers undefined for unknown and expired tokens.
  const token = await provider.AccessToken.find(value);
  if (!token || !token.accountId || !token.clientId) return undefined;
  // A token outlives neither its client nor its grant (revokeAllFor, revocation of the refresh token).
  if (!(await provider.Client.find(token.clientId))) return undefined;
  if (token.grantId && !(await provider.Grant.find(token.grantId))) return undefined;
  return { accountId: token.accountId, clientId: token.clientId, scope: token.scope };
}

/** RFC 6750 §2.1 header form only: tokens in query strings end up in logs. */
function bearerToken(header: string): string | undefined {
  const match = /^Bearer +([A-Za-z0-9\-._~+/]+=*) *$/i.exec(header);
  return match?.[1];
}

function unauthorized(ctx: Context, challenge: string, body: { error: string; error_description: string }): void {
  ctx.status = 401;
  ctx.set("WWW-Authenticate", challenge);
  ctx.body = body;
}
