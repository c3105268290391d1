import type { Context } from "hono";
import type { z } from "zod";
import type { ValidationIssue } from "./wire.ts";

/** A request that does not match its schema; answered as the spec's 422 HTTPValidationError. */
export class RequestValidationError extends Error {
  override name = "RequestValidationError";
  readonly issues: ValidationIssue[];
  constructor(issues: ValidationIssue[]) {
    super(issues[0]?.msg ?? "Invalid request.");
    this.issues = issues;
  }
}

export function invalid(loc: (string | number)[], msg: string, type = "value_error"): RequestValidationError {
  return new RequestValidationError([{ loc, msg, type }]);
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let value = root;
  for (const key of path) {
    if (typeof value !== "object" || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/**
 * Zod issues → `{loc, msg, type}` with a pydantic-like `loc` ("body" or
 * "query" first). Messages come from the schema, never from the input, so a
 * rejected value (which may be a code or a state) is not echoed back.
 */
function toIssues(error: z.ZodError, where: "body" | "query" | "path", input: unknown): ValidationIssue[] {
  return error.issues.map((issue) => {
    const path = issue.path.filter((p): p is string | number => typeof p !== "symbol");
    const missing = issue.code === "invalid_type" && valueAt(input, issue.path) === undefined;
    return {
      loc: [where, ...path],
      msg: missing ? "Field required" : issue.message,
      type: missing ? "missing" : issue.code,
    };
  });
}

const JSON_MEDIA_TYPE = /^application\/([\w.-]+\+)?json$/i;

/**
 * Reads and validates a JSON body. Malformed JSON and a wrong content type
 * are input errors like any other, so they are 422 too (the framework behind
 * the spec answers so), never Hono's default 400. The size limit is enforced
 * before this by bodyLimit.
 */
export async function parseBody<S extends z.ZodType>(c: Context, schema: S): Promise<z.output<S>> {
  const contentType = c.req.header("content-type");
  if (contentType !== undefined && !JSON_MEDIA_TYPE.test(contentType.split(";")[0]?.trim() ?? "")) {
    throw invalid(["body"], "Content-Type must be application/json.", "content_type");
  }
  const text = await c.req.text();
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch {
    // The parser's own message quotes the input, which may hold a code or state.
    throw invalid(["body"], "The body is not valid JSON.", "json_invalid");
  }
  const result = schema.safeParse(input);
  if (!result.success) throw new RequestValidationError(toIssues(result.error, "body", input));
  return result.data;
}

/** Validates the query string; a repeated parameter is an error, not silently the first value. */
export function parseQuery<S extends z.ZodType>(c: Context, schema: S): z.output<S> {
  const input: Record<string, string> = {};
  const issues: ValidationIssue[] = [];
  for (const [key, values] of Object.entries(c.req.queries())) {
    if (values.length > 1) issues.push({ loc: ["query", key], msg: "Give this parameter once.", type: "value_error" });
    input[key] = values[0] ?? "";
  }
  if (issues.length > 0) throw new RequestValidationError(issues);
  const result = schema.safeParse(input);
  if (!result.success) throw new RequestValidationError(toIssues(result.error, "query", input));
  return result.data;
}
