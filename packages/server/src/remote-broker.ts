import {
  CallbackError,
  ConfigurationError,
  InvalidInputError,
  isLoopback,
  OAuthError,
  ProviderUnavailableError,
  TokenExchangeError,
  UnknownProviderError,
  type AuthRequest,
  type AuthResult,
  type Broker,
  type CallbackErrorCode,
  type OAuthErrorCode,
  type PendingReason,
  type TokenRef,
  type WaitOptions,
  type WaitResult,
} from "@langgraph-oauth/core";
import type { z } from "zod";
import {
  authenticateResponseSchema,
  errorBodySchema,
  PENDING_REASONS,
  waitResponseSchema,
  type AuthenticateRequest,
  type AuthenticateResponse,
} from "./api/wire.ts";

export interface RemoteBrokerOptions {
  /** Where the API is served: the origin (plus basePath) of createOAuthApp / `langgraph-oauth serve`. */
  url: string;
  apiKey: string;
  fetch?: typeof globalThis.fetch | undefined;
  /** Per request, excluding the long-poll itself. Default 30 s. */
  requestTimeoutMs?: number | undefined;
  /**
   * Longest single long-poll; longer waits are several requests. Default 60 s:
   * below common proxy idle timeouts and undici's 300 s headers timeout.
   */
  waitChunkSeconds?: number | undefined;
}

/** A Broker whose tokens live in another process: the server behind `url`. */
export interface RemoteBroker extends Broker {
  readonly url: string;
}

/** Used when a server's pending answer has no expiry (LangSmith does not state one). */
const ASSUMED_PENDING_TTL_MS = 10 * 60_000;

const CALLBACK_CODE_LIST: CallbackErrorCode[] = [
  "callback_state_unknown",
  "callback_state_expired",
  "callback_state_replayed",
  "callback_provider_mismatch",
  "callback_missing_code",
  "callback_invalid",
];
const CALLBACK_CODES = new Set<string>(CALLBACK_CODE_LIST);

const CORE_CODES = new Set<string>([
  "invalid_configuration",
  "invalid_input",
  "unknown_provider",
  "insecure_endpoint",
  "discovery_failed",
  "token_exchange_failed",
  "provider_unavailable",
  "decryption_failed",
  "auth_not_found",
  "user_unknown",
  "oauth_required",
  "checkpointer_missing",
  "auth_denied",
  ...CALLBACK_CODE_LIST,
] satisfies OAuthErrorCode[]);

function withMessage<E extends Error>(error: E, message: string): E {
  error.message = message;
  return error;
}

/** The server's `{error: {code, message}}` (or a bare 422 `{detail}`) → the core's typed error. */
function errorFromResponse(status: number, body: unknown): OAuthError {
  const parsed = errorBodySchema.safeParse(body);
  const detail = (body as { detail?: unknown } | undefined)?.detail;
  if (!parsed.success) {
    if (status === 422 && Array.isArray(detail)) {
      const msgs = detail.map((d) => (typeof d?.msg === "string" ? d.msg : "invalid")).join("; ");
      return new InvalidInputError(`The broker server rejected the request: ${msgs}`);
    }
    if (status === 401 || status === 403) return new ConfigurationError(`The broker server refused the API key (HTTP ${status}).`);
    if (status >= 500) return new ProviderUnavailableError(`The broker server failed (HTTP ${status}); try again later.`);
    return new ConfigurationError(`The broker server answered HTTP ${status}; check the url of createRemoteBroker.`);
  }
  const { code, message } = parsed.data.error;
  if (code === "invalid_input" || status === 422) return new InvalidInputError(message);
  if (code === "unknown_provider") return withMessage(new UnknownProviderError("", []), message);
  if (code === "provider_unavailable") return new ProviderUnavailableError(message);
  if (code === "token_exchange_failed") return new TokenExchangeError(message);
  if (CALLBACK_CODES.has(code)) return new CallbackError(code as CallbackErrorCode, message);
  if (code === "unauthorized" || code === "api_disabled") return new ConfigurationError(`The broker server refused the request: ${message}`);
  if (CORE_CODES.has(code)) return new OAuthError(code as OAuthErrorCode, message, { retryable: status >= 500 });
  if (status >= 500) return new ProviderUnavailableError(`The broker server failed (${code}); try again later.`);
  return new ConfigurationError(`The broker server answered ${code}: ${message}`);
}

function protocolError(what: string): OAuthError {
  return new ConfigurationError(`The broker server's ${what} does not match the Agent Auth v2 API; is the url right?`);
}

function parseAnswer<S extends z.ZodType>(schema: S, body: unknown, what: string): z.output<S> {
  const result = schema.safeParse(body);
  if (!result.success) throw protocolError(what);
  return result.data;
}

function stringArray(value: unknown): string[] | undefined {
  return Array.isArray(value) && value.every((v) => typeof v === "string") ? [...value] : undefined;
}

const optionalString = (value: unknown) => (typeof value === "string" ? value : undefined);

/** The API's answer → the core's AuthResult. connection_required and token_expired (LangSmith's) are pending too. */
function toAuthResult(answer: AuthenticateResponse, req: AuthRequest): AuthResult {
  const meta = answer.metadata ?? {};
  const scopes = stringArray(meta["scopes"]) ?? [...req.scopes];
  if (answer.status === "completed") {
    if (!answer.token) throw protocolError("completed answer (no token)");
    const expiresAt = optionalString(meta["expires_at"]);
    return {
      status: "completed",
      token: answer.token,
      credentials: { accessToken: answer.token, tokenType: optionalString(meta["token_type"]) ?? "Bearer", expiresAt, scopes },
      expiresAt,
      scopes,
    };
  }
  if (!answer.url || !answer.auth_id) throw protocolError(`${answer.status} answer (no url or auth_id)`);
  const reason = PENDING_REASONS.find((r) => r === meta["reason"]) ?? (answer.status === "token_expired" ? "token_expired" : "connection_required");
  return {
    status: "pending",
    authId: answer.auth_id,
    url: answer.url,
    expiresAt: optionalString(meta["expires_at"]) ?? new Date(Date.now() + ASSUMED_PENDING_TTL_MS).toISOString(),
    reason: reason satisfies PendingReason,
    scopes,
  };
}

function baseUrl(value: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigurationError(`createRemoteBroker url is not a valid absolute URL: "${value}".`);
  }
  // The API key and tokens travel on this connection.
  if (url.protocol !== "https:" && !(url.protocol === "http:" && isLoopback(url))) {
    throw new ConfigurationError(`createRemoteBroker url must use https (http only on loopback); got "${url.origin}".`, "insecure_endpoint");
  }
  url.search = "";
  url.hash = "";
  if (!url.pathname.endsWith("/")) url.pathname += "/";
  return url;
}

/**
 * A client of the `/v2/auth` API (ours, or LangSmith Agent Auth v2) that
 * implements the core Broker, so a graph running elsewhere uses the tokens
 * of the server at `url`. Transport failures and 5xx are
 * ProviderUnavailableError (retryable, never a consent prompt); the server's
 * error codes come back as the same typed errors the local broker throws.
 */
export function createRemoteBroker(options: RemoteBrokerOptions): RemoteBroker {
  const base = baseUrl(options.url);
  if (typeof options.apiKey !== "string" || options.apiKey === "") {
    throw new ConfigurationError("createRemoteBroker needs the server's apiKey.");
  }
  const fetchImpl = options.fetch ?? globalThis.fetch;
  const requestTimeoutMs = options.requestTimeoutMs ?? 30_000;
  const chunkSeconds = options.waitChunkSeconds ?? 60;

  async function request(
    method: "GET" | "POST" | "DELETE",
    path: string,
    init: { query?: Record<string, string | number | undefined>; body?: AuthenticateRequest; signal?: AbortSignal | undefined; timeoutMs?: number } = {},
  ): Promise<unknown> {
    const url = new URL(path, base);
    for (const [key, value] of Object.entries(init.query ?? {})) if (value !== undefined) url.searchParams.set(key, String(value));
    const timeout = AbortSignal.timeout(init.timeoutMs ?? requestTimeoutMs);
    const signal = init.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
    let response: Response;
    let text: string;
    try {
      response = await fetchImpl(url, {
        method,
        headers: {
          "x-api-key": options.apiKey,
          accept: "application/json",
          ...(init.body ? { "content-type": "application/json" } : {}),
        },
        ...(init.body ? { body: JSON.stringify(init.body) } : {}),
        signal,
        redirect: "error",
      });
      text = await response.text();
    } catch (error) {
      if (init.signal?.aborted) throw init.signal.reason;
      const why = timeout.aborted ? "did not answer in time" : `is not reachable (${error instanceof Error ? error.name : "error"})`;
      throw new ProviderUnavailableError(`The broker server at ${base.origin} ${why}; try again later.`);
    }
    // A caller's abort wins even when the answer raced it in (a server ends a long-poll on disconnect).
    init.signal?.throwIfAborted();
    let body: unknown;
    try {
      body = text === "" ? undefined : JSON.parse(text);
    } catch {
      body = undefined;
    }
    if (!response.ok) throw errorFromResponse(response.status, body);
    return body;
  }

  return {
    url: base.href,

    async authenticate(req) {
      const body: AuthenticateRequest = {
        provider: req.provider,
        scopes: [...req.scopes],
        user_id: req.userId,
        ...(req.agentId !== undefined ? { agent_id: req.agentId } : {}),
        ...(req.threadId !== undefined ? { thread_id: req.threadId } : {}),
        ...(req.metadata !== undefined ? { metadata: req.metadata } : {}),
        force_new: req.forceNew === true,
      };
      const answer = parseAnswer(authenticateResponseSchema, await request("POST", "v2/auth/authenticate", { body }), "authenticate answer");
      return toAuthResult(answer, req);
    },

    async waitForCompletion(authId, opts: WaitOptions = {}): Promise<WaitResult> {
      if (typeof authId !== "string" || authId === "") throw new InvalidInputError("authId must be a non-empty string.");
      const timeoutMs = opts.timeoutMs ?? 300_000;
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const remaining = deadline - Date.now();
        const seconds = timeoutMs === 0 ? 0 : Math.min(chunkSeconds, Math.max(1, Math.ceil(remaining / 1000)));
        const started = Date.now();
        const answer = parseAnswer(
          waitResponseSchema,
          await request("GET", `v2/auth/wait/${encodeURIComponent(authId)}`, {
            query: { timeout: seconds },
            signal: opts.signal,
            timeoutMs: requestTimeoutMs + seconds * 1000,
          }),
          "wait answer",
        );
        if (answer.status !== "timeout" && answer.status !== "pending") return { status: answer.status };
        if (timeoutMs === 0) return { status: "pending" };
        // A timeout long before the requested time is final (the link expired, or the server is shutting down): do not spin.
        const answeredEarly = Date.now() - started < (seconds * 1000) / 2;
        if (answeredEarly || Date.now() >= deadline) return { status: "timeout" };
      }
    },

    async revoke(ref: TokenRef) {
      await request("DELETE", "v2/auth/tokens", { query: { user_id: ref.userId, provider: ref.provider, agent_id: ref.agentId } });
    },
  };
}
