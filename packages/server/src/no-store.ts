import { createMiddleware } from "hono/factory";

/** Every answer may hold a token, an authId or a page about a consent: no cache may keep it. */
export const noStore = createMiddleware(async (c, next) => {
  await next();
  c.res.headers.set("Cache-Control", "no-store");
});
