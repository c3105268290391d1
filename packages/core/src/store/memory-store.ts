import type { AuthEvents, AuthSession, FinalAuthStatus, StoredToken, TokenKey, TokenStore } from "./types.ts";
import { sameScopes, tokenKeyString } from "./token-key.ts";
import { createKeyedLock } from "./keyed-lock.ts";

/** A session as kept here; its status may be "failed" before AuthSession's type names it. */
type Session = Omit<AuthSession, "status"> & { status: AuthSession["status"] | FinalAuthStatus };

export interface MemoryTokenStoreOptions {
  /**
   * How long a session is kept after it expired, so a late callback or wait
   * still finds it ("expired", not "unknown"). Default 1 hour.
   */
  retainExpiredMs?: number | undefined;
  now?: (() => number) | undefined;
}

/**
 * Keeps everything in this process: the zero-setup default. Tokens are still
 * sealed (the broker encrypts before it stores). Lost on restart; use the
 * PostgreSQL or PGlite store to keep tokens.
 *
 * Pending sessions are indexed by token key, so finding one costs the same
 * with 30 000 sessions as with one; expired sessions are swept at most once a
 * minute, on the write path, so memory stays bounded by the sessions of the
 * last TTL plus `retainExpiredMs`.
 */
export class MemoryTokenStore implements TokenStore {
  readonly persistent = false;
  readonly #tokens = new Map<string, StoredToken>();
  readonly #auths = new Map<string, Session>();
  readonly #byState = new Map<string, string>();
  /** Token key → authIds of its sessions that are still pending. */
  readonly #pending = new Map<string, Set<string>>();
  readonly #lock = createKeyedLock();
  readonly #retainMs: number;
  readonly #now: () => number;
  #lastSweep: number;

  constructor(options: MemoryTokenStoreOptions = {}) {
    this.#retainMs = options.retainExpiredMs ?? 3_600_000;
    this.#now = options.now ?? Date.now;
    this.#lastSweep = this.#now();
  }

  /** How many sessions are held, pending or finished. */
  get sessionCount(): number {
    return this.#auths.size;
  }

  async getToken(key: TokenKey): Promise<StoredToken | undefined> {
    return structuredClone(this.#tokens.get(tokenKeyString(key)));
  }

  async putToken(token: StoredToken): Promise<void> {
    this.#tokens.set(tokenKeyString(token.key), structuredClone(token));
  }

  async deleteToken(key: TokenKey): Promise<boolean> {
    return this.#tokens.delete(tokenKeyString(key));
  }

  async createAuth(session: AuthSession): Promise<void> {
    if (this.#auths.has(session.authId)) throw new Error(`authId ${session.authId} exists`);
    this.#sweepEveryMinute();
    this.#auths.set(session.authId, structuredClone(session));
    this.#byState.set(session.stateHash, session.authId);
    const key = tokenKeyString(session);
    let pending = this.#pending.get(key);
    if (!pending) this.#pending.set(key, (pending = new Set()));
    pending.add(session.authId);
  }

  async getAuth(authId: string): Promise<AuthSession | undefined> {
    return structuredClone(this.#auths.get(authId)) as AuthSession | undefined;
  }

  async getAuthByState(stateHash: string): Promise<AuthSession | undefined> {
    const authId = this.#byState.get(stateHash);
    return authId === undefined ? undefined : this.getAuth(authId);
  }

  async findPendingAuth(key: TokenKey, scopes: readonly string[], now: Date): Promise<AuthSession | undefined> {
    let newest: Session | undefined;
    for (const authId of this.#pending.get(tokenKeyString(key)) ?? []) {
      const session = this.#auths.get(authId);
      if (!session || session.consumedAt || Date.parse(session.expiresAt) <= now.getTime()) continue;
      if (!sameScopes(session.scopes, scopes)) continue;
      if (!newest || session.createdAt > newest.createdAt) newest = session;
    }
    return structuredClone(newest) as AuthSession | undefined;
  }

  async consumeAuthState(stateHash: string, now: Date): Promise<AuthSession | undefined> {
    const session = this.#auths.get(this.#byState.get(stateHash) ?? "");
    if (!session || session.consumedAt) return undefined;
    session.consumedAt = now.toISOString();
    return structuredClone(session) as AuthSession;
  }

  async releaseAuthState(stateHash: string, now: Date): Promise<void> {
    const session = this.#auths.get(this.#byState.get(stateHash) ?? "");
    if (session?.status === "pending" && Date.parse(session.expiresAt) > now.getTime()) session.consumedAt = undefined;
  }

  async finishAuth(authId: string, status: FinalAuthStatus): Promise<void> {
    const session = this.#auths.get(authId);
    if (!session) return;
    session.status = status;
    this.#unindex(session);
  }

  withLock<T>(name: string, fn: () => Promise<T>): Promise<T> {
    return this.#lock(name, fn);
  }

  #unindex(session: Session): void {
    const key = tokenKeyString(session);
    const pending = this.#pending.get(key);
    pending?.delete(session.authId);
    if (pending?.size === 0) this.#pending.delete(key);
  }

  #sweepEveryMinute(): void {
    const at = this.#now();
    if (at - this.#lastSweep < 60_000) return;
    this.#lastSweep = at;
    for (const session of this.#auths.values()) {
      if (Date.parse(session.expiresAt) + this.#retainMs > at) continue;
      this.#auths.delete(session.authId);
      this.#byState.delete(session.stateHash);
      this.#unindex(session);
    }
  }
}

/** Completion events inside one process. */
export class MemoryAuthEvents implements AuthEvents {
  readonly #listeners = new Map<string, Set<(status: FinalAuthStatus) => void>>();

  publish(authId: string, status: FinalAuthStatus): void {
    for (const listener of [...(this.#listeners.get(authId) ?? [])]) listener(status);
  }

  subscribe(authId: string, listener: Parameters<AuthEvents["subscribe"]>[1]): () => void {
    // AuthEvents' listener type gains "failed" once the broker handles it; until then this widens it.
    const heard = listener as (status: FinalAuthStatus) => void;
    let set = this.#listeners.get(authId);
    if (!set) this.#listeners.set(authId, (set = new Set()));
    set.add(heard);
    return () => {
      set.delete(heard);
      if (set.size === 0) this.#listeners.delete(authId);
    };
  }
}
