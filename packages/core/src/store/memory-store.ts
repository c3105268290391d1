import type { AuthEvents, AuthSession, StoredToken, TokenKey, TokenStore } from "./types.ts";
import { sameScopes, tokenKeyString } from "./token-key.ts";
import { createKeyedLock } from "./keyed-lock.ts";

/**
 * Keeps everything in this process: the zero-setup default. Tokens are still
 * sealed (the broker encrypts before it stores). Lost on restart; use the
 * PostgreSQL or PGlite store to keep tokens.
 */
export class MemoryTokenStore implements TokenStore {
  readonly persistent = false;
  readonly #tokens = new Map<string, StoredToken>();
  readonly #auths = new Map<string, AuthSession>();
  readonly #byState = new Map<string, string>();
  readonly #lock = createKeyedLock();

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
    this.#auths.set(session.authId, structuredClone(session));
    this.#byState.set(session.stateHash, session.authId);
  }

  async getAuth(authId: string): Promise<AuthSession | undefined> {
    return structuredClone(this.#auths.get(authId));
  }

  async getAuthByState(stateHash: string): Promise<AuthSession | undefined> {
    const authId = this.#byState.get(stateHash);
    return authId === undefined ? undefined : this.getAuth(authId);
  }

  async findPendingAuth(key: TokenKey, scopes: readonly string[], now: Date): Promise<AuthSession | undefined> {
    let newest: AuthSession | undefined;
    const wanted = tokenKeyString(key);
    for (const session of this.#auths.values()) {
      if (session.status !== "pending" || session.consumedAt || Date.parse(session.expiresAt) <= now.getTime()) continue;
      if (tokenKeyString(session) !== wanted || !sameScopes(session.scopes, scopes)) continue;
      if (!newest || session.createdAt > newest.createdAt) newest = session;
    }
    return structuredClone(newest);
  }

  async consumeAuthState(stateHash: string, now: Date): Promise<AuthSession | undefined> {
    const session = this.#auths.get(this.#byState.get(stateHash) ?? "");
    if (!session || session.consumedAt) return undefined;
    session.consumedAt = now.toISOString();
    return structuredClone(session);
  }

  async releaseAuthState(stateHash: string, now: Date): Promise<void> {
    const session = this.#auths.get(this.#byState.get(stateHash) ?? "");
    if (session?.status === "pending" && Date.parse(session.expiresAt) > now.getTime()) session.consumedAt = undefined;
  }

  async finishAuth(authId: string, status: "completed" | "denied"): Promise<void> {
    const session = this.#auths.get(authId);
    if (session) session.status = status;
  }

  withLock<T>(name: string, fn: () => Promise<T>): Promise<T> {
    return this.#lock(name, fn);
  }
}

/** Completion events inside one process. */
export class MemoryAuthEvents implements AuthEvents {
  readonly #listeners = new Map<string, Set<(status: "completed" | "denied") => void>>();

  publish(authId: string, status: "completed" | "denied"): void {
    for (const listener of [...(this.#listeners.get(authId) ?? [])]) listener(status);
  }

  subscribe(authId: string, listener: (status: "completed" | "denied") => void): () => void {
    let set = this.#listeners.get(authId);
    if (!set) this.#listeners.set(authId, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.#listeners.delete(authId);
    };
  }
}
