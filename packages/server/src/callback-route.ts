import { Hono, type Context } from "hono";
import { NONCE, secureHeaders } from "hono/secure-headers";
import type { LocalBroker } from "@langgraph-oauth/core";
import { runCallbackHook, type CallbackHook } from "./callback-hook.ts";
import { describeError, reportUnexpected } from "./error-status.ts";
import { noStore } from "./no-store.ts";
import { deniedPage, errorPage, successPage } from "./pages.ts";

export type CallbackBroker = Pick<LocalBroker, "handleCallback" | "providerName" | "providers">;

export interface CallbackRouteOptions {
  broker: CallbackBroker;
  /** The one origin allowed to receive the popup's postMessage; none → no postMessage. */
  postMessageOrigin?: string | undefined;
  onCallback?: CallbackHook | undefined;
}

type Env = { Variables: { secureHeadersNonce?: string } };

const nonceOf = (c: Context<Env>) => c.get("secureHeadersNonce") ?? "";

/**
 * `GET /:provider` — where the provider redirects the browser after consent.
 * Mounted at `/oauth/callback`, so the full path is the broker's redirect URI.
 */
export function callbackRoute(options: CallbackRouteOptions): Hono<Env> {
  const { broker } = options;
  const app = new Hono<Env>();

  app.use(
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'none'"],
        scriptSrc: [NONCE],
        styleSrc: [NONCE],
        baseUri: ["'none'"],
        formAction: ["'none'"],
        frameAncestors: ["'none'"],
      },
      // The URL carries the code and state: no Referer may take them anywhere.
      referrerPolicy: "no-referrer",
      xFrameOptions: "DENY",
      // COOP same-origin would sever window.opener for a popup opened by another
      // origin (the app's frontend), and the page exists to notify that opener.
      crossOriginOpenerPolicy: false,
    }),
  );
  app.use(noStore);

  app.get("/:provider", async (c) => {
    // Hono answers HEAD with the GET handler; a link checker's HEAD must not burn the single-use state.
    if (c.req.method !== "GET") {
      c.header("Allow", "GET");
      return c.html(errorPage({ nonce: nonceOf(c), code: "method_not_allowed" }), 405);
    }
    const provider = c.req.param("provider");
    if (!broker.providers.some((p) => p.id === provider)) {
      return c.html(errorPage({ nonce: nonceOf(c), code: "unknown_provider" }), 404);
    }
    const result = await broker.handleCallback(c.req.url);
    await runCallbackHook(options.onCallback, result);
    const input = {
      nonce: nonceOf(c),
      providerName: broker.providerName(result.provider),
      authId: result.authId,
      postMessageOrigin: options.postMessageOrigin,
    };
    // A denial is a normal end of the flow, not a failed request: 200 with a page that says so.
    return c.html(result.status === "completed" ? successPage(input) : deniedPage(input), 200);
  });

  app.onError((error, c) => {
    reportUnexpected(error, "GET /oauth/callback");
    const { status, code, retryAfterSeconds } = describeError(error);
    if (retryAfterSeconds !== undefined) c.header("Retry-After", String(retryAfterSeconds));
    // The page shows a fixed text per code; 422 (a JSON-API status) reads as a plain bad request here.
    return c.html(errorPage({ nonce: nonceOf(c), code }), status === 422 ? 400 : status);
  });

  return app;
}
