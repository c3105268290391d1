import { createHash, timingSafeEqual } from "node:crypto";
import { createMiddleware } from "hono/factory";
import { ConfigurationError } from "@langgraph-oauth/core";
import { jsonError } from "./api/errors.ts";

/** Short keys can be guessed; 16 characters is the floor (generate one with `openssl rand -base64 32`). */
export const MIN_API_KEY_LENGTH = 16;

const digest = (value: string) => createHash("sha256").update(value, "utf8").digest();

/** Throws at start-up, not at the first request, when the key is unusable. */
export function checkApiKey(apiKey: string | undefined): void {
  if (apiKey === undefined) return;
  if (typeof apiKey !== "string" || apiKey.trim().length < MIN_API_KEY_LENGTH || /\s/.test(apiKey)) {
    throw new ConfigurationError(
      `apiKey must be at least ${MIN_API_KEY_LENGTH} characters without whitespace; generate one with \`openssl rand -base64 32\`.`,
    );
  }
}

/** The presented key: `X-Api-Key` (the spec's header) or `Authorization: Bearer <key>`. */
function presentedKey(header: (name: string) => string | undefined): string | undefined {
  const apiKey = header("x-api-key");
  if (apiKey) return apiKey;
  const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header("authorization") ?? "");
  return match?.[1];
}

/**
 * Guards the /v2 API. Keys are compared as SHA-256 digests with
 * timingSafeEqual: equal-length inputs, so neither the key's bytes nor its
 * length leak through timing. With no key configured the API is closed
 * (404 api_disabled), never open by default.
 */
export function requireApiKey(apiKey: string | undefined) {
  checkApiKey(apiKey);
  const expected = apiKey === undefined ? undefined : digest(apiKey);
  return createMiddleware(async (c, next) => {
    if (expected === undefined) {
      return jsonError(
        c,
        404,
        "api_disabled",
        "The /v2 auth API is disabled because no API key is configured: pass apiKey to createOAuthApp (LANGGRAPH_OAUTH_API_KEY for the CLI).",
      );
    }
    const presented = presentedKey((name) => c.req.header(name));
    if (presented === undefined || !timingSafeEqual(digest(presented), expected)) {
      c.header("WWW-Authenticate", 'Bearer realm="langgraph-oauth"');
      return jsonError(
        c,
        401,
        "unauthorized",
        presented === undefined ? "Send the API key in the X-Api-Key header (or Authorization: Bearer)." : "The API key is not valid.",
      );
    }
    await next();
  });
}
