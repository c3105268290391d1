/**
 * Typed errors with stable `code` strings. Messages say what to do next and
 * never carry a token, authorization code, PKCE verifier, state or secret.
 */
export type OAuthErrorCode =
  | "invalid_configuration"
  | "invalid_input"
  | "unknown_provider"
  | "insecure_endpoint"
  | "discovery_failed"
  | "callback_state_unknown"
  | "callback_state_expired"
  | "callback_state_replayed"
  | "callback_provider_mismatch"
  | "callback_missing_code"
  | "callback_invalid"
  | "token_exchange_failed"
  | "provider_unavailable"
  | "decryption_failed"
  | "auth_not_found"
  | "user_unknown"
  | "oauth_required"
  | "checkpointer_missing"
  | "auth_denied";

export class OAuthError extends Error {
  override name = "OAuthError";
  readonly code: OAuthErrorCode;
  /** True when the same call may succeed later (network errors, 5xx). */
  readonly retryable: boolean;
  constructor(code: OAuthErrorCode, message: string, options: { retryable?: boolean; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.retryable = options.retryable ?? false;
  }
  toJSON(): { name: string; code: OAuthErrorCode; message: string; retryable: boolean } {
    return { name: this.name, code: this.code, message: this.message, retryable: this.retryable };
  }
}

/** Wrong options given to a factory such as createLocalBroker or defineProvider. */
export class ConfigurationError extends OAuthError {
  override name = "ConfigurationError";
  constructor(message: string, code: "invalid_configuration" | "insecure_endpoint" | "discovery_failed" = "invalid_configuration") {
    super(code, message);
  }
}

/** A caller passed a value of the wrong shape (bad request, bad id). */
export class InvalidInputError extends OAuthError {
  override name = "InvalidInputError";
  constructor(message: string) {
    super("invalid_input", message);
  }
}

export class UnknownProviderError extends OAuthError {
  override name = "UnknownProviderError";
  constructor(provider: string, known: readonly string[]) {
    super(
      "unknown_provider",
      `Unknown OAuth provider "${provider}". Register it in createLocalBroker({ providers }); known: ${known.join(", ") || "(none)"}.`,
    );
  }
}

export type CallbackErrorCode =
  | "callback_state_unknown"
  | "callback_state_expired"
  | "callback_state_replayed"
  | "callback_provider_mismatch"
  | "callback_missing_code"
  | "callback_invalid";

/** The provider's redirect could not be accepted; nothing was stored. */
export class CallbackError extends OAuthError {
  override name = "CallbackError";
  constructor(code: CallbackErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(code, message, options);
  }
}

/** The provider refused the code or refresh token exchange (a 4xx OAuth error). */
export class TokenExchangeError extends OAuthError {
  override name = "TokenExchangeError";
  /** The provider's OAuth `error` value, e.g. "invalid_grant". */
  readonly oauthError: string | undefined;
  constructor(message: string, oauthError?: string) {
    super("token_exchange_failed", message);
    this.oauthError = oauthError;
  }
}

/** Network failure or 5xx at the provider: retry later; this is not a consent problem. */
export class ProviderUnavailableError extends OAuthError {
  override name = "ProviderUnavailableError";
  constructor(message: string) {
    super("provider_unavailable", message, { retryable: true });
  }
}

/** Stored ciphertext could not be decrypted: wrong or missing key, or tampered/moved row. */
export class DecryptionError extends OAuthError {
  override name = "DecryptionError";
  constructor(message: string) {
    super("decryption_failed", message);
  }
}
