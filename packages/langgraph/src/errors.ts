/**
 * Typed errors of this package. Each has a stable `code` from core's
 * OAuthErrorCode and a message that says what to do next. None carries a
 * token, code, verifier or secret: at most the interrupt payload, which is
 * built from non-secret fields only.
 */
import { OAuthError } from "@langgraph-oauth/core";
import type { OAuthInterrupt } from "./interrupt.ts";

/**
 * Consent is needed but there is no LangGraph run to pause (a plain
 * `tool.invoke` outside a graph). `interrupt` is the payload a graph would
 * have raised: open `interrupt.url`, then call the tool again.
 */
export class OAuthRequiredError extends OAuthError {
  override name = "OAuthRequiredError";
  readonly interrupt: OAuthInterrupt;
  constructor(interrupt: OAuthInterrupt) {
    super(
      "oauth_required",
      `${interrupt.message} (No LangGraph run to pause here: open the URL in error.interrupt.url, then call the tool again; inside a graph compiled with a checkpointer this is an interrupt instead.)`,
    );
    this.interrupt = interrupt;
  }
}

/**
 * Consent is needed inside a graph that cannot pause: LangGraph interrupts
 * only with a checkpointer. Thrown before LangGraph's own opaque
 * "No checkpointer set", so the fix is in the message (which ToolNode turns
 * into the ToolMessage the model and the developer see).
 */
export class CheckpointerMissingError extends OAuthError {
  override name = "CheckpointerMissingError";
  readonly interrupt: OAuthInterrupt;
  constructor(interrupt: OAuthInterrupt) {
    super(
      "checkpointer_missing",
      `Tool "${interrupt.toolCall?.name ?? "(unnamed)"}" needs ${interrupt.providerName} consent, which pauses the graph with interrupt(), but the graph has no checkpointer. ` +
        "Compile it with one, e.g. graph.compile({ checkpointer: new MemorySaver() }) or createAgent({ ..., checkpointer: new MemorySaver() }), and run it with configurable.thread_id.",
    );
    this.interrupt = interrupt;
  }
}

/** No user id in the run's config: tokens are per user, so the wrapper refuses to guess. */
export class UserUnknownError extends OAuthError {
  override name = "UserUnknownError";
  constructor(detail?: string) {
    super(
      "user_unknown",
      (detail ? `${detail} ` : "") +
        "withOAuth needs to know whose token to use. Run the graph with configurable.user_id (e.g. graph.invoke(input, { configurable: { thread_id, user_id } })), " +
        "use LangGraph server custom auth (configurable.langgraph_auth_user.identity), or pass userId: (config) => string to withOAuth / oauthMiddleware.",
    );
  }
}

/**
 * A resume value points at an authorization that belongs to another user
 * than the one this run is for. Nothing runs: the user bound to the authId
 * when the interrupt was raised must resume it.
 */
export class ResumeUserMismatchError extends OAuthError {
  override name = "ResumeUserMismatchError";
  constructor(provider: string) {
    super(
      "auth_denied",
      `This run was resumed for another user than the one who was asked to connect ${provider}; the resume is refused and the tool did not run. Resume the thread with the original user's identity.`,
    );
  }
}

/**
 * The user denied or cancelled consent. Not thrown by default (the tool
 * returns a message instead); an `onDenied` handler may throw it.
 */
export class OAuthDeniedError extends OAuthError {
  override name = "OAuthDeniedError";
  readonly provider: string;
  constructor(provider: string, providerName: string, toolName: string | undefined) {
    super("auth_denied", `The user did not grant access to ${providerName}${toolName ? `, so "${toolName}" did not run` : ""}.`);
    this.provider = provider;
  }
}

/**
 * `getAccessToken()` / `getCredentials()` found no token: they were called
 * outside a tool wrapped with withOAuth (or run by oauthMiddleware), or for a
 * provider the tool was not wrapped for.
 */
export class OAuthContextError extends OAuthError {
  override name = "OAuthContextError";
  constructor(message: string) {
    // core's code list has no dedicated code for this programming error.
    super("invalid_configuration", message);
  }
}
