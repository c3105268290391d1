import { Hono } from "hono";
import { UnknownProviderError } from "@langgraph-oauth/core";
import { runCallbackHook } from "../callback-hook.ts";
import type { ApiContext } from "./context.ts";
import { callbackRequestSchema } from "./wire.ts";
import { parseBody } from "./validation.ts";

/**
 * `POST /callback/:provider_id` with `{code, state}` — the frontend-bridged
 * variant: a frontend page received the provider's redirect and forwards the
 * parameters. It rebuilds the redirect URL and completes it exactly like the
 * GET route, with the same single-use, expiry and PKCE checks.
 */
export function callbackRoutes(ctx: ApiContext): Hono {
  return new Hono().post("/callback/:provider_id", async (c) => {
    const provider = c.req.param("provider_id");
    const body = await parseBody(c, callbackRequestSchema);
    if (!ctx.broker.providers.some((p) => p.id === provider)) {
      throw new UnknownProviderError(provider, ctx.broker.providers.map((p) => p.id));
    }
    const url = new URL(ctx.broker.redirectUriFor(provider));
    url.searchParams.set("code", body.code);
    url.searchParams.set("state", body.state);
    // RFC 9207: checked when sent, never required here (the spec's body has no iss).
    if (body.iss !== undefined) url.searchParams.set("iss", body.iss);
    const result = await ctx.broker.handleCallback(url);
    await runCallbackHook(ctx.onCallback, result);
    return c.json({ status: result.status, auth_id: result.authId, provider: result.provider, user_id: result.userId }, 200);
  });
}
