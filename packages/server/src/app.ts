import { Hono } from "hono";
import { ConfigurationError } from "@langgraph-oauth/core";
import { apiRouter } from "./api/router.ts";
import type { AppBroker } from "./api/context.ts";
import { DEFAULT_WAIT_SECONDS } from "./api/wait.ts";
import { checkApiKey } from "./api-key.ts";
import type { CallbackHook } from "./callback-hook.ts";
import { callbackRoute } from "./callback-route.ts";

export type { AppBroker } from "./api/context.ts";

export interface OAuthAppOptions {
  /** `createLocalBroker(...)`: the engine behind every route. */
  broker: AppBroker;
  /**
   * Required for the /v2 API (sent as `X-Api-Key` or `Authorization: Bearer`).
   * Without it those routes answer 404 `api_disabled`; the browser callback
   * route works either way.
   */
  apiKey?: string | undefined;
  /** Prefix for every route, e.g. "/auth" → `/auth/oauth/callback/:provider`, `/auth/v2/auth/...`. */
  basePath?: string | undefined;
  successPage?: {
    /**
     * The origin (scheme://host[:port]) of the app that opens the consent
     * popup; the success page posts `{type: "langgraph-oauth", authId, status}`
     * to it. Unset: nothing is posted.
     */
    postMessageOrigin?: string | undefined;
  } | undefined;
  /** Called after every completed or denied callback (GET page or POST API), e.g. to auto-resume a thread. */
  onCallback?: CallbackHook | undefined;
  /** Largest accepted request body on the API. Default 64 KiB. */
  maxBodyBytes?: number | undefined;
  /** Cap for `GET /v2/auth/wait/:id?timeout=` in seconds; larger values are clamped. Default 300 (the spec's default). */
  maxWaitSeconds?: number | undefined;
  /** Aborting it makes open long-polls answer `timeout` at once, so a shutdown need not wait for them. */
  signal?: AbortSignal | undefined;
}

function checkOrigin(origin: string | undefined): string | undefined {
  if (origin === undefined) return undefined;
  let parsed: URL | undefined;
  try {
    parsed = new URL(origin);
  } catch {
    parsed = undefined;
  }
  // An exact origin, never "*": a wildcard would post the authId to whatever page opened the popup.
  if (!parsed || parsed.origin === "null" || parsed.origin !== origin.replace(/\/$/, "")) {
    throw new ConfigurationError(`successPage.postMessageOrigin must be an origin like "https://app.example.com" (no path, no "*"); got "${origin}".`);
  }
  return parsed.origin;
}

function normalizeBasePath(basePath: string | undefined): string {
  if (basePath === undefined || basePath === "" || basePath === "/") return "/";
  if (!/^\/[A-Za-z0-9._~\-/]*$/.test(basePath)) {
    throw new ConfigurationError(`basePath must start with "/" and contain only URL path characters; got "${basePath}".`);
  }
  return basePath.replace(/\/+$/, "");
}

function positiveInteger(value: number | undefined, fallback: number, what: string): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 0) throw new ConfigurationError(`${what} must be a non-negative integer; got ${value}.`);
  return value;
}

/**
 * The HTTP face of a broker, as a Hono app: the provider's redirect target
 * (`GET /oauth/callback/:provider`, an HTML page) and the LangSmith Agent
 * Auth v2 compatible JSON API under `/v2/auth` (API key required). Mount it
 * anywhere Hono runs: @hono/node-server, `langgraphjs dev` (`http.app`), or
 * `app.route()` in your own server.
 */
export function createOAuthApp(options: OAuthAppOptions): Hono {
  const { broker } = options;
  if (!broker || typeof broker.handleCallback !== "function") {
    throw new ConfigurationError("createOAuthApp needs { broker } from createLocalBroker(...).");
  }
  checkApiKey(options.apiKey);
  const postMessageOrigin = checkOrigin(options.successPage?.postMessageOrigin);
  const app = new Hono().basePath(normalizeBasePath(options.basePath));

  app.route("/oauth/callback", callbackRoute({ broker, postMessageOrigin, onCallback: options.onCallback }));
  app.route(
    "/v2/auth",
    apiRouter({
      broker,
      apiKey: options.apiKey,
      onCallback: options.onCallback,
      maxBodyBytes: positiveInteger(options.maxBodyBytes, 64 * 1024, "maxBodyBytes"),
      maxWaitSeconds: positiveInteger(options.maxWaitSeconds, DEFAULT_WAIT_SECONDS, "maxWaitSeconds"),
      signal: options.signal,
    }),
  );
  return app;
}
