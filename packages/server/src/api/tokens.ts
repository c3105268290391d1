import { Hono } from "hono";
import type { ApiContext } from "./context.ts";
import { parseQuery } from "./validation.ts";
import { deleteTokensQuerySchema, tokenQuerySchema } from "./wire.ts";

/**
 * The spec's "Check Oauth Token Exists" and "Delete Oauth Tokens For User"
 * (paths not stated there; ours):
 * - `GET /tokens?user_id&provider[&agent_id]` → `{exists, scopes, expires_at}`
 * - `DELETE /tokens?user_id[&provider][&agent_id]` → revokes at the provider
 *   (RFC 7009, when it has an endpoint) and deletes; without `provider`, at
 *   every configured provider.
 */
export function tokenRoutes(ctx: ApiContext): Hono {
  return new Hono()
    .get("/tokens", async (c) => {
      const query = parseQuery(c, tokenQuerySchema);
      // "Exists" means usable now: asking for no extra scopes returns the stored
      // token (refreshed if due). The Broker interface has no side-effect-free
      // lookup, so a miss leaves one pending auth behind, reused by later checks
      // and expiring with its state.
      const result = await ctx.broker.authenticate({
        userId: query.user_id,
        provider: query.provider,
        agentId: query.agent_id,
        scopes: [],
      });
      if (result.status !== "completed") return c.json({ exists: false, scopes: null, expires_at: null }, 200);
      return c.json({ exists: true, scopes: result.scopes, expires_at: result.expiresAt ?? null }, 200);
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
