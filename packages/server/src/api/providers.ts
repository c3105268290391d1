import { Hono } from "hono";
import { UnknownProviderError, type ProviderDefinition } from "@langgraph-oauth/core";
import type { ApiContext } from "./context.ts";

/** Public facts only: never the client secret, nor the client id (not needed by any caller). */
function describe(provider: ProviderDefinition) {
  return { id: provider.id, name: provider.name, scopes: [...(provider.scopes ?? [])] };
}

/** `GET /providers` and `GET /providers/:id` — the spec's List/Get Oauth Provider(s), read-only. */
export function providerRoutes(ctx: ApiContext): Hono {
  return new Hono()
    .get("/providers", (c) => c.json({ providers: ctx.broker.providers.map(describe) }, 200))
    .get("/providers/:id", (c) => {
      const id = c.req.param("id");
      const provider = ctx.broker.providers.find((p) => p.id === id);
      if (!provider) throw new UnknownProviderError(id, ctx.broker.providers.map((p) => p.id));
      return c.json(describe(provider), 200);
    });
}
