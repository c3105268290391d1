import type { Context, ErrorHandler } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { InvalidInputError } from "@langgraph-oauth/core";
import { describeError, reportUnexpected, type ServerErrorCode } from "../error-status.ts";
import { RequestValidationError } from "./validation.ts";
import type { ValidationIssue } from "./wire.ts";

/** Every non-422 error body: `{ error: { code, message } }`, never a stack trace. */
export function jsonError(c: Context, status: ContentfulStatusCode, code: ServerErrorCode, message: string) {
  return c.json({ error: { code, message } }, status);
}

/** The spec's HTTPValidationError with our `error` beside it, so clients can branch on one field. */
export function validationError(c: Context, issues: ValidationIssue[]) {
  return c.json({ detail: issues, error: { code: "invalid_input", message: issues.map((i) => `${i.loc.join(".")}: ${i.msg}`).join("; ") } }, 422);
}

export const apiErrorHandler: ErrorHandler = (error, c) => {
  if (error instanceof RequestValidationError) return validationError(c, error.issues);
  if (error instanceof InvalidInputError) {
    return validationError(c, [{ loc: [c.req.method === "POST" ? "body" : "query"], msg: error.message, type: "value_error" }]);
  }
  reportUnexpected(error, `${c.req.method} ${c.req.routePath}`);
  const { status, code, message, retryAfterSeconds } = describeError(error);
  if (retryAfterSeconds !== undefined) c.header("Retry-After", String(retryAfterSeconds));
  return jsonError(c, status, code, message);
};
