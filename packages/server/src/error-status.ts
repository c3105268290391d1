import { OAuthError, type OAuthErrorCode } from "@langgraph-oauth/core";
import type { ContentfulStatusCode } from "hono/utils/http-status";

/** Codes the server adds to the core ones; every JSON error carries one of these. */
export type ServerErrorCode =
  | OAuthErrorCode
  | "unauthorized"
  | "api_disabled"
  | "payload_too_large"
  | "method_not_allowed"
  | "not_found"
  | "internal_error";

/** Seconds a client should wait after a provider outage before trying again. */
export const RETRY_AFTER_SECONDS = 10;

/**
 * One table for the callback page and the JSON API, so the same failure has
 * the same status everywhere. A replayed state is a conflict with what already
 * happened (409); an expired one is gone for good (410).
 */
const STATUS: Partial<Record<OAuthErrorCode, ContentfulStatusCode>> = {
  invalid_input: 422,
  user_unknown: 422,
  unknown_provider: 404,
  auth_not_found: 404,
  callback_state_unknown: 400,
  callback_state_expired: 410,
  callback_state_replayed: 409,
  callback_provider_mismatch: 400,
  callback_missing_code: 400,
  callback_invalid: 400,
  // The provider refused to issue or refresh a token: an upstream refusal, not a fault in the request body.
  token_exchange_failed: 502,
  provider_unavailable: 503,
  auth_denied: 403,
};

export interface ErrorDescription {
  status: ContentfulStatusCode;
  code: ServerErrorCode;
  /** Safe to show: core messages never carry tokens, codes, states or secrets. */
  message: string;
  retryAfterSeconds?: number;
}

/** Anything thrown → a status and a stable code; unknown errors become a bare 500 without details. */
export function describeError(error: unknown): ErrorDescription {
  if (error instanceof OAuthError) {
    const status = STATUS[error.code] ?? 500;
    return {
      status,
      code: error.code,
      message: error.message,
      ...(error.retryable || status === 503 ? { retryAfterSeconds: RETRY_AFTER_SECONDS } : {}),
    };
  }
  return { status: 500, code: "internal_error", message: "Internal server error." };
}

/** Logs an unexpected error by name and message only: a stack or cause may hold request data. */
export function reportUnexpected(error: unknown, where: string): void {
  if (error instanceof OAuthError) return;
  const what = error instanceof Error ? `${error.name}: ${error.message}` : typeof error;
  console.error(`[langgraph-oauth/server] unexpected error in ${where}: ${what}`);
}
