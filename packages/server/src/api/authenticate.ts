import { Hono } from "hono";
import type { AuthResult } from "@langgraph-oauth/core";
import type { ApiContext } from "./context.ts";
import { invalid, parseBody } from "./validation.ts";
import { authenticateRequestSchema, type AuthenticateResponse } from "./wire.ts";

/**
 * Core result → the spec's AuthAuthenticateResponse. A pending auth is
 * always `status: "pending"` with `url` and `auth_id` (what the spec's own
 * examples branch on); why it is pending (connection_required,
 * insufficient_scope, token_expired, revoked) is in `metadata.reason`.
 */
export function toAuthenticateResponse(result: AuthResult, userId: string, provider: string): AuthenticateResponse {
  if (result.status === "completed") {
    return {
      status: "completed",
      url: null,
      auth_id: null,
      token: result.token,
      user_id: userId,
      metadata: {
        provider,
        scopes: result.scopes,
        expires_at: result.expiresAt ?? null,
        token_type: result.credentials.tokenType,
      },
    };
  }
  return {
    status: "pending",
    url: result.url,
    auth_id: result.authId,
    token: null,
    user_id: userId,
    metadata: { provider, scopes: result.scopes, expires_at: result.expiresAt, reason: result.reason },
  };
}

/** `POST /authenticate` — a token when one is stored, else a pending auth with its consent URL. */
export function authenticateRoutes(ctx: ApiContext): Hono {
  return new Hono().post("/authenticate", async (c) => {
    const body = await parseBody(c, authenticateRequestSchema);
    // Tokens are per person: without a user id there is no one to hold them.
    const userId = body.user_id ?? body.ls_user_id;
    if (!userId) throw invalid(["body", "user_id"], "Field required: tokens are kept per user (user_id, or ls_user_id).", "missing");
    if (body.token_id) {
      throw invalid(["body", "token_id"], "Not supported: this server keeps one token per (user, provider, agent); omit token_id.", "unsupported");
    }
    const result = await ctx.broker.authenticate({
      userId,
      provider: body.provider,
      scopes: body.scopes,
      agentId: body.agent_id ?? undefined,
      threadId: body.thread_id ?? undefined,
      forceNew: body.force_new,
      metadata: body.metadata ?? undefined,
    });
    return c.json(toAuthenticateResponse(result, userId, body.provider), 200);
  });
}
