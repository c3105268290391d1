import type { PendingReason } from "../broker/types.ts";

/** Tokens are keyed by (userId, provider, agentId?); agent-scoped tokens stay scoped. */
export interface TokenKey {
  userId: string;
  provider: string;
  agentId?: string | undefined;
}

/** One stored token set. Only `ciphertext` holds secrets (a JWE); the rest is metadata. */
export interface StoredToken {
  key: TokenKey;
  ciphertext: string;
  scopes: string[];
  expiresAt?: string | undefined;
  updatedAt: string;
}

/**
 * How an authorization attempt ended. "failed": the consent cannot finish for
 * good (the code exchange was refused), as opposed to "denied" by the person.
 */
export type FinalAuthStatus = "completed" | "denied" | "failed";

/** One authorization attempt: created by authenticate, finished by the callback. */
export interface AuthSession {
  authId: string;
  /** SHA-256 of the state (base64url); the state itself is never stored. */
  stateHash: string;
  userId: string;
  provider: string;
  agentId?: string | undefined;
  threadId?: string | undefined;
  /** Scopes requested at the provider (a union with granted ones on step-up). */
  scopes: string[];
  reason: PendingReason;
  url: string;
  redirectUri: string;
  /** The PKCE verifier (and nonce), encrypted like tokens. */
  sealedSecrets: string;
  status: "pending" | "completed" | "denied";
  /** Set once the state was used at the callback; a second use is a replay. */
  consumedAt?: string | undefined;
  createdAt: string;
  expiresAt: string;
  metadata?: Record<string, string> | undefined;
}

/**
 * Where tokens and pending authorizations live. Implementations: the memory
 * store here; PostgreSQL and PGlite in @langgraph-oauth/postgres. Each runs
 * `runTokenStoreConformance` from "@langgraph-oauth/core/testing".
 */
export interface TokenStore {
  /**
   * Whether what is stored outlives this process or is shared with others.
   * A persistent store needs a stable encryption key, and the broker reads it
   * again after a short cache TTL, since another process may change a row.
   * Undefined counts as true: the safe default for a store we do not know.
   */
  readonly persistent?: boolean | undefined;

  getToken(key: TokenKey): Promise<StoredToken | undefined>;
  putToken(token: StoredToken): Promise<void>;
  /** Returns whether a token was there. */
  deleteToken(key: TokenKey): Promise<boolean>;

  /** Inserts a new session; an existing authId is an error. */
  createAuth(session: AuthSession): Promise<void>;
  getAuth(authId: string): Promise<AuthSession | undefined>;
  getAuthByState(stateHash: string): Promise<AuthSession | undefined>;
  /** The newest still-pending, unexpired, unconsumed session for this key and exact scope set. */
  findPendingAuth(key: TokenKey, scopes: readonly string[], now: Date): Promise<AuthSession | undefined>;
  /**
   * Atomically marks the state as used and returns the session, or undefined
   * when no session has that state or it was already consumed. Exactly one of
   * any number of concurrent callers gets the session.
   */
  consumeAuthState(stateHash: string, now: Date): Promise<AuthSession | undefined>;
  /**
   * Undoes a consume whose code was never redeemed (a bad `iss`, a provider
   * outage), so the person's retry of the same redirect can still finish.
   * Only a session that is still pending and unexpired is released; anything
   * else is left as it is.
   */
  releaseAuthState(stateHash: string, now: Date): Promise<void>;
  /** Sets the final status of a session. */
  finishAuth(authId: string, status: FinalAuthStatus): Promise<void>;

  /**
   * Runs fn while holding an exclusive lock named `name` across every process
   * sharing this store (the memory store is one process). Used so that one
   * refresh reaches the provider when many callers find the same token expired.
   */
  withLock<T>(name: string, fn: () => Promise<T>): Promise<T>;

  /** Releases connections and timers; the store is unusable afterwards. */
  close?(): Promise<void>;
}

/**
 * Completion events; in process by default, PostgreSQL NOTIFY in the postgres
 * package. Each implementation runs `runAuthEventsConformance`.
 */
export interface AuthEvents {
  publish(authId: string, status: FinalAuthStatus): Promise<void> | void;
  /**
   * Calls listener on events of this authId until the returned function is
   * called. A listener may hear the same status more than once (a shared
   * store re-checks the row in case a notification was lost).
   */
  subscribe(authId: string, listener: (status: "completed" | "denied") => void): () => void;
}
