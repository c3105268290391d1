import { Hono } from "hono";
import { linkSignals } from "../linked-signal.ts";
import type { ApiContext } from "./context.ts";
import { invalid, parseQuery } from "./validation.ts";
import { identifier, waitQuerySchema, type WaitResponse } from "./wire.ts";

/** The spec's default long-poll, in seconds. */
export const DEFAULT_WAIT_SECONDS = 300;

/**
 * `GET /wait/:auth_id?timeout=` — holds the request until the auth finishes
 * or `timeout` seconds pass (clamped to maxWaitSeconds). `timeout=0` is a
 * poll and answers `pending`; a wait that ran out answers `timeout`, as does
 * an auth whose link expired. `denied` is our extension to the spec's enum.
 * On `completed` the token is looked up for the auth's own user, provider,
 * scopes and agent, so it only ever reaches an API-key holder through here.
 */
export function waitRoutes(ctx: ApiContext): Hono {
  return new Hono().get("/wait/:auth_id", async (c) => {
    const authId = identifier.safeParse(c.req.param("auth_id"));
    if (!authId.success) throw invalid(["path", "auth_id"], "auth_id must be 1-512 characters.");
    const { timeout } = parseQuery(c, waitQuerySchema);
    const seconds = Math.min(timeout ?? DEFAULT_WAIT_SECONDS, ctx.maxWaitSeconds);
    // Ends the wait when the client goes away or the server shuts down.
    const { signal, release } = linkSignals(c.req.raw.signal, ctx.signal);

    let status: WaitResponse["status"];
    try {
      ({ status } = await ctx.broker.waitForCompletion(authId.data, { timeoutMs: seconds * 1000, signal }));
    } catch (error) {
      // Shutting down: answer like a wait that ran out, so the client simply asks again.
      if (signal.aborted) return c.json({ status: "timeout", token: null } satisfies WaitResponse, 200);
      throw error;
    } finally {
      release();
    }
    if (status !== "completed") return c.json({ status, token: null } satisfies WaitResponse, 200);

    const auth = await ctx.broker.getAuth(authId.data);
    if (!auth) return c.json({ status: "not_found", token: null } satisfies WaitResponse, 200);
    const result = await ctx.broker.authenticate({
      userId: auth.userId,
      provider: auth.provider,
      scopes: auth.scopes,
      agentId: auth.agentId,
    });
    // The auth completed, but its token is gone (revoked since) or narrower than asked: no token to hand out.
    const token = result.status === "completed" ? result.token : null;
    return c.json({ status: "completed", token } satisfies WaitResponse, 200);
  });
}
