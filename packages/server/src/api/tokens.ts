import { Hono } from "hono";
import type { ApiContext } from "./context.ts";
import { parseQuery } from "./validation.ts";
import { deleteTokensQuerySchema, tokenQuerySchema } from "./wire.ts";

/**
 * The spec's "Check Oauth Token Exists" and "Delete Oauth Tokens For User"
 * (paths not stated there; ours):
 * - `GET /tokens?user_id&provider[&agent_id]` → `{exists, scopes, expires_at}`:
 *   whether a token is stored, from its metadata only (no refresh, no consent)
 * - `DELETE /tokens?user_id[&provider][&agent_id]` → revokes at the provider
 *   (RFC 7009, when it has an endpoint) and deletes; without `provider`, at
 *   every configured provider.
 */
export function tokenRoutes(ctx: ApiContext): Hono {
  return new Hono()
    .get("/tokens", async (c) => {
      const query = parseQuery(c, tokenQuerySchema);
      // A read, not an authenticate: checking must never refresh a token or
      // leave a pending consent behind.
      const info = await ctx.broker.tokenInfo({ userId: query.user_id, provider: query.provider, agentId: query.agent_id });
      if (!info) return c.json({ exists: false, scopes: null, expires_at: null }, 200);
      return c.json({ exists: true, scopes: info.scopes, expires_at: info.expiresAt ?? null }, 200);
    })
    .delete("/tokens", async (c) => {
      const query = parseQuery(c, deleteTokensQuerySchema);
      const providers = query.provider === undefined ? ctx.broker.providers.map((p) => p.id) : [query.provider];
      // Every provider is attempted even if one fails; the local copy is deleted either way (see broker.revoke).
      const outcomes = await Promise.allSettled(
        providers.map((provider) => ctx.broker.revoke({ userId: query.user_id, provider, agentId: query.agent_id })),
      );
      const failed = outcomes.find((o): o is PromiseRejectedResult => o.status === "rejected");
      if (failed) throw failed.reason;
      return c.json({ status: "deleted", providers }, 200);
    });
}
