import { z } from "zod";

/**
 * The LangSmith Agent Auth v2 wire format (specs/langsmith-agent-auth-v2.md),
 * shared by the routes (to validate requests) and the remote broker (to
 * validate answers). Field names, required sets and defaults follow the spec;
 * fields marked "extension" are ours and optional.
 */

const MAX_ID = 512;

/** Same rules as the core's validation, checked here so a 422 can point at the field. */
export const identifier = z
  .string()
  .min(1)
  .max(MAX_ID)
  .refine((value) => !value.includes("\u0000"), "must not contain NUL");

/** RFC 6749 §3.3 scope token: printable ASCII without space, quote or backslash. */
export const scope = z.string().regex(/^[\x21\x23-\x5B\x5D-\x7E]{1,256}$/, "a scope is one word without spaces or quotes (RFC 6749 §3.3)");

export const authenticateRequestSchema = z.object({
  provider: identifier,
  scopes: z.array(scope).max(100),
  user_id: identifier.nullish(),
  ls_user_id: identifier.nullish(),
  agent_id: identifier.nullish(),
  force_new: z.boolean().default(false),
  token_id: z.uuid().nullish(),
  is_default: z.boolean().default(true),
  // Internal to LangSmith (include_in_schema: false); accepted and ignored.
  use_agent_builder_public_oauth: z.boolean().default(false),
  /** Extension: the LangGraph thread that asked, kept with the pending auth for auto-resume. */
  thread_id: identifier.nullish(),
  /** Extension: non-secret data kept with a pending auth (e.g. the interrupted tool call). */
  metadata: z
    .record(z.string().min(1).max(64), z.string().max(1024))
    .refine((record) => Object.keys(record).length <= 32, "at most 32 entries")
    .nullish(),
});
export type AuthenticateRequest = z.input<typeof authenticateRequestSchema>;

export const AUTH_STATUSES = ["completed", "pending", "connection_required", "token_expired"] as const;
export const PENDING_REASONS = ["connection_required", "insufficient_scope", "token_expired", "revoked"] as const;

export const authenticateResponseSchema = z.object({
  status: z.enum(AUTH_STATUSES),
  url: z.string().nullish(),
  auth_id: z.string().nullish(),
  token: z.string().nullish(),
  user_id: z.string().nullish(),
  metadata: z.record(z.string(), z.unknown()).nullish(),
});
export type AuthenticateResponse = z.infer<typeof authenticateResponseSchema>;

/** The spec's four statuses plus `denied` (extension: the person refused consent). */
export const WAIT_STATUSES = ["completed", "pending", "timeout", "not_found", "denied"] as const;

export const waitQuerySchema = z.object({
  // Digits only: "", "-1", "1.5" and "1e3" are input errors, as in the spec's framework.
  timeout: z
    .string()
    .regex(/^[0-9]{1,9}$/, "timeout must be a whole number of seconds, 0 or more")
    .transform(Number)
    .optional(),
});

export const waitResponseSchema = z.object({
  status: z.enum(WAIT_STATUSES),
  token: z.string().nullish(),
});
export type WaitResponse = z.infer<typeof waitResponseSchema>;

export const callbackRequestSchema = z.object({
  code: z.string().min(1).max(4096),
  state: z.string().min(1).max(1024),
  /** RFC 9207 issuer; optional here because the spec's body has only code and state. */
  iss: z.string().min(1).max(2048).optional(),
});

export const callbackResponseSchema = z.object({
  status: z.enum(["completed", "denied"]),
  auth_id: z.string(),
  provider: z.string(),
  user_id: z.string(),
});

export const tokenQuerySchema = z.object({
  user_id: identifier,
  provider: identifier,
  agent_id: identifier.optional(),
});

export const deleteTokensQuerySchema = z.object({
  user_id: identifier,
  /** Absent: the user's tokens at every configured provider. */
  provider: identifier.optional(),
  agent_id: identifier.optional(),
});

export const tokenExistsResponseSchema = z.object({
  exists: z.boolean(),
  scopes: z.array(z.string()).nullable(),
  expires_at: z.string().nullable(),
});

export const deleteTokensResponseSchema = z.object({
  status: z.literal("deleted"),
  providers: z.array(z.string()),
});

export const providerSchema = z.object({
  id: z.string(),
  name: z.string(),
  scopes: z.array(z.string()),
});

export const providersResponseSchema = z.object({ providers: z.array(providerSchema) });

/** The spec's HTTPValidationError, plus our `error` so every error body has the same `error.code`. */
export interface ValidationIssue {
  loc: (string | number)[];
  msg: string;
  type: string;
}

export const errorBodySchema = z.object({
  error: z.object({ code: z.string(), message: z.string() }),
  detail: z.array(z.object({ loc: z.array(z.union([z.string(), z.number()])), msg: z.string(), type: z.string() })).optional(),
});
