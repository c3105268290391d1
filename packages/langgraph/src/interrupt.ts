/**
 * The OAuth interrupt contract, version 1.
 *
 * This module is the browser-safe entry `@langgraph-oauth/langgraph/interrupt`:
 * it imports zod and nothing else — no Node built-ins, no @langchain packages —
 * so a React client or a CLI can recognise our interrupts without pulling in
 * the server side.
 */
import { z } from "zod";

export const OAUTH_INTERRUPT_TYPE = "oauth_required";
export const OAUTH_INTERRUPT_VERSION = 1;

export const pendingReasonSchema = z.enum(["connection_required", "insufficient_scope", "token_expired", "revoked"]);

/**
 * What `interrupt()` carries when a tool needs consent. Flat on purpose: UIs
 * that do not know it (LangGraph Studio) show unknown payloads as a key/value
 * table in which top-level URL strings become links.
 *
 * Loose (unknown keys kept) so that a v1 client still accepts payloads to
 * which a later minor release added keys.
 */
export const oauthInterruptSchema = z.looseObject({
  type: z.literal(OAUTH_INTERRUPT_TYPE),
  version: z.literal(OAUTH_INTERRUPT_VERSION),
  provider: z.string().min(1),
  providerName: z.string().min(1),
  scopes: z.array(z.string()),
  /** The authorization URL to open. */
  url: z.string().min(1),
  /** Handle for waitForCompletion and for the resume value. */
  authId: z.string().min(1),
  /** ISO 8601 time after which `url` is dead. */
  expiresAt: z.string().min(1),
  reason: pendingReasonSchema,
  /** One human sentence, good enough to show raw. */
  message: z.string(),
  toolCall: z.object({ id: z.string(), name: z.string() }).optional(),
  // Mirrors of the keys LangChain's own auth-aware tools use, so UIs built
  // for those recognise ours too.
  auth_required: z.literal(true).optional(),
  auth_url: z.string().optional(),
  auth_id: z.string().optional(),
});

export type OAuthInterrupt = z.infer<typeof oauthInterruptSchema>;
export type OAuthPendingReason = z.infer<typeof pendingReasonSchema>;

/** True when `value` is an OAuth interrupt payload (the `value` of a LangGraph interrupt). */
export function isOAuthInterrupt(value: unknown): value is OAuthInterrupt {
  // Cheap discriminant first: most interrupts a client sees are not ours.
  if (typeof value !== "object" || value === null || (value as { type?: unknown }).type !== OAUTH_INTERRUPT_TYPE) return false;
  return oauthInterruptSchema.safeParse(value).success;
}

export const oauthResumeStatusSchema = z.enum(["completed", "denied", "cancelled"]);

/**
 * What a client resumes an OAuth interrupt with: `new Command({ resume: { authId, status } })`,
 * or, with several interrupts pending, `{ [interrupt.id]: { authId, status } }`.
 * Always an object (LangGraph refuses `resume: null`). It is a hint, never
 * proof: the tool asks the broker again, so it cannot inject a token.
 */
export const oauthResumeSchema = z.looseObject({
  authId: z.string().min(1),
  status: oauthResumeStatusSchema,
});

export type OAuthResume = z.infer<typeof oauthResumeSchema>;
export type OAuthResumeStatus = z.infer<typeof oauthResumeStatusSchema>;

export function isOAuthResume(value: unknown): value is OAuthResume {
  if (typeof value !== "object" || value === null) return false;
  const { authId, status } = value as { authId?: unknown; status?: unknown };
  return typeof authId === "string" && authId.length > 0 && (status === "completed" || status === "denied" || status === "cancelled");
}

/** The resume value for one OAuth interrupt. */
export function oauthResume(interrupt: Pick<OAuthInterrupt, "authId"> | string, status: OAuthResumeStatus = "completed"): OAuthResume {
  return { authId: typeof interrupt === "string" ? interrupt : interrupt.authId, status };
}
