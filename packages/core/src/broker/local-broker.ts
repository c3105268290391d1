import * as oidc from "openid-client";
import type { AuthEvents, AuthSession, StoredToken, TokenKey, TokenStore } from "../store/types.ts";
import type { ProviderDefinition } from "../providers/types.ts";
import type { AuthInfo, AuthRequest, AuthResult, Broker, CallbackResult, Credentials, PendingReason, TokenRef, WaitOptions, WaitResult } from "./types.ts";
import { MemoryAuthEvents, MemoryTokenStore } from "../store/memory-store.ts";
import { tokenKeyString } from "../store/token-key.ts";
import { createKeyRing, generateEncryptionKey, type KeyRing } from "../crypto/keyring.ts";
import { randomId, randomToken, sha256 } from "../crypto/random.ts";
import { createOAuthClient, type OAuthClient, type OAuthClientOptions } from "../oauth/client.ts";
import { coversScopes, normalizeScopes, type TokenSet } from "../oauth/token-set.ts";
import { parseSecureUrl } from "../oauth/secure-url.ts";
import { defineProvider } from "../providers/define.ts";
import { CallbackError, ConfigurationError, TokenExchangeError, UnknownProviderError } from "../errors/errors.ts";
import { validateAuthId, validateAuthRequest, type ValidRequest } from "./validate.ts";

export interface BrokerEvent {
  type: "pending_created" | "token_stored" | "token_refreshed" | "token_dropped" | "token_revoked" | "consent_denied";
  provider: string;
  userId: string;
  authId?: string | undefined;
}

export interface LocalBrokerOptions extends OAuthClientOptions {
  providers: readonly ProviderDefinition[];
  /** Public base of the callback route; the provider id is appended: `${callbackUrl}/${provider}`. */
  callbackUrl: string;
  /** Default: in memory (lost on restart). */
  store?: TokenStore | undefined;
  /** Default: in process. The postgres package provides NOTIFY-based events. */
  events?: AuthEvents | undefined;
  /** One key or a list, newest first (see generateEncryptionKey). Required with a persistent store. */
  encryptionKey?: string | readonly string[] | undefined;
  /** How long an authorization URL stays valid. Default 10 minutes. */
  stateTtlMs?: number | undefined;
  /** Refresh this long before expiry. Default 60 s. */
  refreshLeewayMs?: number | undefined;
  /**
   * How long a decrypted token may be served from this process's memory
   * before the store is read again. Default: unlimited with the memory store,
   * 30 s with any other (another process may revoke or replace it).
   */
  cacheTtlMs?: number | undefined;
  /** Observability hook; events carry ids, never secrets. */
  onEvent?: ((event: BrokerEvent) => void) | undefined;
  now?: (() => number) | undefined;
}

export interface LocalBroker extends Broker {
  /** What the callback route calls with the URL the provider redirected to. */
  handleCallback(url: string | URL): Promise<CallbackResult>;
  getAuth(authId: string): Promise<AuthInfo | undefined>;
  providerName(provider: string): string;
  readonly providers: readonly ProviderDefinition[];
  /** The redirect_uri registered at the provider for this provider id. */
  redirectUriFor(provider: string): string;
  /** Whether a token is stored, with its non-secret metadata; no refresh, no consent started. */
  tokenInfo(ref: TokenRef): Promise<{ scopes: string[]; expiresAt?: string | undefined } | undefined>;
}

interface CacheEntry {
  result: Extract<AuthResult, { status: "completed" }>;
  granted: ReadonlySet<string>;
  /** Epoch ms after which the entry must not be served (refresh leeway or cache TTL). */
  staleAt: number;
}

interface SealedSecrets {
  codeVerifier: string;
}

const binding = {
  token: (key: TokenKey) => `token\u0000${tokenKeyString(key)}`,
  auth: (authId: string) => `auth\u0000${authId}`,
};

export function createLocalBroker(options: LocalBrokerOptions): LocalBroker {
  const now = options.now ?? Date.now;
  const store = options.store ?? new MemoryTokenStore();
  const events = options.events ?? new MemoryAuthEvents();
  const stateTtlMs = options.stateTtlMs ?? 10 * 60_000;
  const leewayMs = options.refreshLeewayMs ?? 60_000;
  const persistent = store.persistent !== false;
  const cacheTtlMs = options.cacheTtlMs ?? (persistent ? 30_000 : Infinity);
  const emit = options.onEvent ?? (() => {});
  const callbackBase = parseSecureUrl(options.callbackUrl, "callbackUrl").href.replace(/\/+$/, "");

  if (!options.encryptionKey && persistent) {
    throw new ConfigurationError("A persistent store needs encryptionKey (tokens are encrypted at rest); create one with generateEncryptionKey().");
  }
  // The memory store lives and dies with this process, so a per-process key loses nothing.
  const keyring: KeyRing = createKeyRing(options.encryptionKey ?? generateEncryptionKey("ephemeral"));

  const clients = new Map<string, OAuthClient>();
  for (const entry of options.providers ?? []) {
    const provider = defineProvider(entry);
    if (clients.has(provider.id)) throw new ConfigurationError(`Two providers have the id "${provider.id}"; give one another id.`);
    clients.set(provider.id, createOAuthClient(provider, { ...options, now }));
  }
  const providers = [...clients.values()].map((c) => c.provider);

  const cache = new Map<string, CacheEntry>();
  const refreshes = new Map<string, Promise<TokenSet | "revoked">>();
  /** Code exchanges under way in this process, by token key. */
  const exchanges = new Map<string, Promise<unknown>>();

  function clientFor(provider: string): OAuthClient {
    const client = clients.get(provider);
    if (!client) throw new UnknownProviderError(provider, [...clients.keys()]);
    return client;
  }

  const redirectUriFor = (provider: string) => `${callbackBase}/${encodeURIComponent(provider)}`;

  function isFresh(set: TokenSet, at: number): boolean {
    return set.expiresAt === undefined || set.expiresAt - leewayMs > at;
  }

  function completed(key: TokenKey, set: TokenSet): CacheEntry["result"] {
    const credentials: Credentials = Object.freeze({
      accessToken: set.accessToken,
      tokenType: set.tokenType,
      expiresAt: set.expiresAt === undefined ? undefined : new Date(set.expiresAt).toISOString(),
      scopes: set.scopes,
      idToken: set.idToken,
    });
    const result = Object.freeze({
      status: "completed" as const,
      token: set.accessToken,
      credentials,
      expiresAt: credentials.expiresAt,
      scopes: set.scopes,
    });
    const at = now();
    const staleAt = Math.min(set.expiresAt === undefined ? Infinity : set.expiresAt - leewayMs, at + cacheTtlMs);
    cache.set(tokenKeyString(key), { result, granted: new Set(set.scopes), staleAt });
    return result;
  }

  async function saveToken(key: TokenKey, set: TokenSet): Promise<void> {
    const row: StoredToken = {
      key: { userId: key.userId, provider: key.provider, agentId: key.agentId },
      ciphertext: await keyring.seal(set, binding.token(key)),
      scopes: set.scopes,
      expiresAt: set.expiresAt === undefined ? undefined : new Date(set.expiresAt).toISOString(),
      updatedAt: new Date(now()).toISOString(),
    };
    await store.putToken(row);
  }

  async function loadToken(key: TokenKey): Promise<TokenSet | undefined> {
    const row = await store.getToken(key);
    return row ? keyring.open<TokenSet>(row.ciphertext, binding.token(key)) : undefined;
  }

  /**
   * Single flight: in this process through a shared promise, across processes
   * through the store's lock; inside, the token is read again, since another
   * process may have refreshed it meanwhile.
   */
  function refreshOnce(key: TokenKey, client: OAuthClient): Promise<TokenSet | "revoked"> {
    const name = tokenKeyString(key);
    let flight = refreshes.get(name);
    if (flight) return flight;
    flight = store
      .withLock(`refresh\u0000${name}`, async () => {
        const current = await loadToken(key);
        if (!current?.refreshToken) return "revoked" as const;
        if (isFresh(current, now())) return current;
        try {
          const next = await client.refresh(current.refreshToken, current.scopes);
          await saveToken(key, next);
          emit({ type: "token_refreshed", provider: key.provider, userId: key.userId });
          return next;
        } catch (error) {
          if (error instanceof TokenExchangeError && error.oauthError === "invalid_grant") {
            await store.deleteToken(key);
            emit({ type: "token_dropped", provider: key.provider, userId: key.userId });
            return "revoked" as const;
          }
          throw error;
        }
      })
      .finally(() => refreshes.delete(name));
    refreshes.set(name, flight);
    return flight;
  }

  /**
   * Reuses the pending authorization for the same key, scopes and thread, or
   * creates one. Under the store's lock, so parallel tool calls (createAgent
   * runs each in its own task), in this process or another, share one URL.
   */
  function pending(req: ValidRequest, key: TokenKey, scopes: string[], reason: PendingReason, metadata: AuthRequest["metadata"]): Promise<AuthResult> {
    const client = clientFor(req.provider);
    return store.withLock(`pending\u0000${tokenKeyString(key)}`, async () => {
      const at = now();
      const existing = await store.findPendingAuth(key, scopes, new Date(at));
      if (existing && existing.threadId === req.threadId) {
        return { status: "pending", authId: existing.authId, url: existing.url, expiresAt: existing.expiresAt, reason: existing.reason, scopes: existing.scopes };
      }
      const state = randomToken();
      const codeVerifier = oidc.randomPKCECodeVerifier();
      const authId = randomId("auth");
      const redirectUri = redirectUriFor(req.provider);
      const url = client
        .authorizationUrl({ redirectUri, scopes, state, codeChallenge: await oidc.calculatePKCECodeChallenge(codeVerifier) })
        .toString();
      const session: AuthSession = {
        authId,
        stateHash: sha256(state),
        userId: key.userId,
        provider: key.provider,
        agentId: key.agentId,
        threadId: req.threadId,
        scopes,
        reason,
        url,
        redirectUri,
        sealedSecrets: await keyring.seal({ codeVerifier } satisfies SealedSecrets, binding.auth(authId)),
        status: "pending",
        createdAt: new Date(at).toISOString(),
        expiresAt: new Date(at + stateTtlMs).toISOString(),
        metadata,
      };
      await store.createAuth(session);
      emit({ type: "pending_created", provider: key.provider, userId: key.userId, authId });
      return { status: "pending", authId, url, expiresAt: session.expiresAt, reason, scopes };
    });
  }

  async function slowAuthenticate(req: ValidRequest, key: TokenKey, forceNew: boolean, metadata: AuthRequest["metadata"]): Promise<AuthResult> {
    const client = clientFor(req.provider);
    const wanted = normalizeScopes([...(client.provider.scopes ?? []), ...req.scopes]);
    if (forceNew) return pending(req, key, wanted, "connection_required", metadata);
    // A graph resumed while its consent's code is being exchanged (the state is
    // spent, the token not stored yet) waits for it rather than prompting again.
    await exchanges.get(tokenKeyString(key))?.catch(() => undefined);
    const current = await loadToken(key);
    if (!current) return pending(req, key, wanted, "connection_required", metadata);
    if (!coversScopes(current.scopes, req.scopes)) {
      // Step-up: ask for the union, so the new token also covers what the old one did.
      return pending(req, key, normalizeScopes([...current.scopes, ...wanted]), "insufficient_scope", metadata);
    }
    if (isFresh(current, now())) return completed(key, current);
    if (!current.refreshToken) return pending(req, key, wanted, "token_expired", metadata);
    const refreshed = await refreshOnce(key, client);
    if (refreshed === "revoked") {
      cache.delete(tokenKeyString(key));
      return pending(req, key, wanted, "revoked", metadata);
    }
    return completed(key, refreshed);
  }

  function toInfo(session: AuthSession): AuthInfo {
    return {
      authId: session.authId,
      userId: session.userId,
      provider: session.provider,
      agentId: session.agentId,
      threadId: session.threadId,
      scopes: session.scopes,
      status: session.status,
      reason: session.reason,
      url: session.url,
      expiresAt: session.expiresAt,
      metadata: session.metadata,
    };
  }

  return {
    providers,
    redirectUriFor,
    providerName: (provider) => clients.get(provider)?.provider.name ?? provider,

    authenticate(req) {
      // The hot path: a cached, fresh token that covers the scopes costs no I/O
      // and no crypto. A hit implies a valid key: cached keys come only from
      // validated requests, and their parts contain no NUL.
      if (req && !req.forceNew && typeof req.userId === "string" && typeof req.provider === "string" && Array.isArray(req.scopes) && req.agentId !== "") {
        const hit = cache.get(`${req.userId}\u0000${req.provider}\u0000${req.agentId ?? ""}`);
        if (hit && now() < hit.staleAt && coversScopes(hit.granted, req.scopes)) return Promise.resolve(hit.result);
      }
      return (async () => {
        const valid = validateAuthRequest(req);
        const key: TokenKey = { userId: valid.userId, provider: valid.provider, agentId: valid.agentId };
        return slowAuthenticate(valid, key, req.forceNew === true, req.metadata);
      })();
    },

    async waitForCompletion(authId, opts: WaitOptions = {}): Promise<WaitResult> {
      validateAuthId(authId);
      const timeoutMs = opts.timeoutMs ?? 300_000;
      let unsubscribe = () => {};
      let timer: ReturnType<typeof setTimeout> | undefined;
      let onAbort = () => {};
      try {
        const settled = new Promise<WaitResult>((resolve, reject) => {
          unsubscribe = events.subscribe(authId, (status) => resolve({ status }));
          timer = setTimeout(() => resolve({ status: timeoutMs === 0 ? "pending" : "timeout" }), timeoutMs);
          onAbort = () => reject(opts.signal?.reason ?? new Error("aborted"));
          opts.signal?.addEventListener("abort", onAbort, { once: true });
        });
        // Subscribed before reading, so a completion between the two is not missed.
        const session = await store.getAuth(authId);
        if (!session) return { status: "not_found" };
        if (session.status !== "pending") return { status: session.status };
        if (Date.parse(session.expiresAt) <= now()) return { status: "timeout" };
        opts.signal?.throwIfAborted();
        return await settled;
      } finally {
        unsubscribe();
        clearTimeout(timer);
        opts.signal?.removeEventListener("abort", onAbort);
      }
    },

    async revoke(ref: TokenRef) {
      const valid = validateAuthRequest({ ...ref, scopes: [] });
      const key: TokenKey = { userId: valid.userId, provider: valid.provider, agentId: valid.agentId };
      const client = clientFor(valid.provider);
      cache.delete(tokenKeyString(key));
      const current = await loadToken(key);
      if (!current) return;
      try {
        // RFC 7009 §2.1: revoking the refresh token also ends its access tokens at most servers.
        if (current.refreshToken) await client.revoke(current.refreshToken, "refresh_token");
        else await client.revoke(current.accessToken, "access_token");
      } finally {
        await store.deleteToken(key);
        cache.delete(tokenKeyString(key));
        emit({ type: "token_revoked", provider: key.provider, userId: key.userId });
      }
    },

    async tokenInfo(ref) {
      const valid = validateAuthRequest({ ...ref, scopes: [] });
      clientFor(valid.provider);
      const row = await store.getToken({ userId: valid.userId, provider: valid.provider, agentId: valid.agentId });
      return row ? { scopes: row.scopes, expiresAt: row.expiresAt } : undefined;
    },

    async getAuth(authId) {
      const session = await store.getAuth(validateAuthId(authId));
      return session ? toInfo(session) : undefined;
    },

    async handleCallback(input) {
      let url: URL;
      try {
        url = new URL(String(input));
      } catch {
        throw new CallbackError("callback_invalid", "The callback URL is not a valid absolute URL.");
      }
      const provider = decodeURIComponent(url.pathname.split("/").filter(Boolean).at(-1) ?? "");
      const state = url.searchParams.get("state");
      if (!state) throw new CallbackError("callback_state_unknown", "The callback has no state parameter; start the connection again from the app.");
      const stateHash = sha256(state);
      const session = await store.getAuthByState(stateHash);
      if (!session) throw new CallbackError("callback_state_unknown", "This sign-in link is unknown; start the connection again from the app.");
      if (session.provider !== provider) {
        throw new CallbackError("callback_provider_mismatch", `This callback is for provider "${session.provider}", but arrived at the route of "${provider}".`);
      }
      if (session.consumedAt || session.status !== "pending") {
        throw new CallbackError("callback_state_replayed", "This sign-in link was already used; start the connection again from the app if needed.");
      }
      if (Date.parse(session.expiresAt) <= now()) {
        throw new CallbackError("callback_state_expired", "This sign-in link expired; start the connection again from the app.");
      }
      const error = url.searchParams.get("error");
      if (!error && !url.searchParams.get("code")) {
        throw new CallbackError("callback_missing_code", "The callback has neither code nor error; the provider did not complete the sign-in.");
      }
      const consumed = await store.consumeAuthState(stateHash, new Date(now()));
      if (!consumed) throw new CallbackError("callback_state_replayed", "This sign-in link was already used; start the connection again from the app if needed.");
      const base = {
        authId: session.authId,
        provider: session.provider,
        userId: session.userId,
        agentId: session.agentId,
        threadId: session.threadId,
        metadata: session.metadata,
      };
      if (error) {
        await store.finishAuth(session.authId, "denied");
        await events.publish(session.authId, "denied");
        emit({ type: "consent_denied", provider: session.provider, userId: session.userId, authId: session.authId });
        return { ...base, status: "denied", error: error.slice(0, 100) };
      }
      const client = clientFor(session.provider);
      const key: TokenKey = { userId: session.userId, provider: session.provider, agentId: session.agentId };
      const exchange = (async () => {
        const secrets = await keyring.open<SealedSecrets>(session.sealedSecrets, binding.auth(session.authId));
        // The redirect_uri sent at exchange must equal the registered one, whatever proxy the request came through.
        const callback = new URL(session.redirectUri);
        callback.search = url.search;
        const set = await client.exchangeCode(callback, { codeVerifier: secrets.codeVerifier, state, requestedScopes: session.scopes });
        await saveToken(key, set);
        completed(key, set);
      })();
      exchanges.set(tokenKeyString(key), exchange);
      try {
        await exchange;
      } finally {
        if (exchanges.get(tokenKeyString(key)) === exchange) exchanges.delete(tokenKeyString(key));
      }
      await store.finishAuth(session.authId, "completed");
      await events.publish(session.authId, "completed");
      emit({ type: "token_stored", provider: session.provider, userId: session.userId, authId: session.authId });
      return { ...base, status: "completed" };
    },
  };
}
