import type { Adapter, AdapterPayload } from "oidc-provider";

interface Entry {
  payload: AdapterPayload;
  /** Epoch milliseconds; Infinity when the model has no expiry. */
  expiresAt: number;
}

/**
 * The provider's state (sessions, interactions, grants, codes, tokens) for
 * one instance. oidc-provider's built-in memory adapter would also work, but
 * it logs a warning at every start and cannot list a user's grants, which
 * revokeAllFor needs. Each instance owns its own store, so instances in one
 * process never see each other's tokens.
 */
export class MemoryStore {
  readonly #entries = new Map<string, Entry>();
  #writes = 0;

  adapterFor(model: string): Adapter {
    return new MemoryAdapter(model, this);
  }

  get(model: string, id: string): AdapterPayload | undefined {
    const key = keyOf(model, id);
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= Date.now()) {
      this.#entries.delete(key);
      return undefined;
    }
    return entry.payload;
  }

  set(model: string, id: string, payload: AdapterPayload, expiresInSeconds: number | undefined): void {
    const expiresAt = typeof expiresInSeconds === "number" ? Date.now() + expiresInSeconds * 1000 : Infinity;
    this.#entries.set(keyOf(model, id), { payload, expiresAt });
    // Long-lived dev servers would otherwise keep every expired code forever.
    if (++this.#writes % 512 === 0) this.#sweep();
  }

  delete(model: string, id: string): void {
    this.#entries.delete(keyOf(model, id));
  }

  /** The first live payload of `model` that matches; a scan is fine at dev scale. */
  findBy(model: string, match: (payload: AdapterPayload) => boolean): AdapterPayload | undefined {
    const prefix = `${model}:`;
    const now = Date.now();
    for (const [key, entry] of this.#entries) {
      if (key.startsWith(prefix) && entry.expiresAt > now && match(entry.payload)) return entry.payload;
    }
    return undefined;
  }

  /** Deletes every artifact issued under the grant (codes, tokens), in any model or only in one. */
  deleteByGrantId(grantId: string, model?: string): void {
    for (const [key, entry] of this.#entries) {
      if (entry.payload.grantId === grantId && (model === undefined || key.startsWith(`${model}:`))) {
        this.#entries.delete(key);
      }
    }
  }

  /** Ids of every live grant the user gave, to any client. */
  grantIdsOf(accountId: string): string[] {
    const ids: string[] = [];
    const now = Date.now();
    for (const [key, entry] of this.#entries) {
      if (key.startsWith("Grant:") && entry.expiresAt > now && entry.payload.accountId === accountId) {
        ids.push(key.slice("Grant:".length));
      }
    }
    return ids;
  }

  /** Removes the grants and everything issued under them, as the revocation of a grant does in oidc-provider. */
  revokeGrantsOf(accountId: string): number {
    const grantIds = this.grantIdsOf(accountId);
    for (const grantId of grantIds) {
      this.deleteByGrantId(grantId);
      this.delete("Grant", grantId);
    }
    return grantIds.length;
  }

  #sweep(): void {
    const now = Date.now();
    for (const [key, entry] of this.#entries) {
      if (entry.expiresAt <= now) this.#entries.delete(key);
    }
  }
}

function keyOf(model: string, id: string): string {
  return `${model}:${id}`;
}

/** The adapter interface oidc-provider calls, one instance per model name. */
class MemoryAdapter implements Adapter {
  readonly #model: string;
  readonly #store: MemoryStore;

  constructor(model: string, store: MemoryStore) {
    this.#model = model;
    this.#store = store;
  }

  async upsert(id: string, payload: AdapterPayload, expiresIn?: number): Promise<void> {
    this.#store.set(this.#model, id, payload, expiresIn);
  }

  async find(id: string): Promise<AdapterPayload | undefined> {
    return this.#store.get(this.#model, id);
  }

  async findByUid(uid: string): Promise<AdapterPayload | undefined> {
    return this.#store.findBy(this.#model, (payload) => payload.uid === uid);
  }

  async findByUserCode(userCode: string): Promise<AdapterPayload | undefined> {
    return this.#store.findBy(this.#model, (payload) => payload.userCode === userCode);
  }

  async consume(id: string): Promise<void> {
    const payload = this.#store.get(this.#model, id);
    // oidc-provider relies on this flag to detect reuse of codes and rotated refresh tokens.
    if (payload) payload.consumed = Math.floor(Date.now() / 1000);
  }

  async destroy(id: string): Promise<void> {
    this.#store.delete(this.#model, id);
  }

  async revokeByGrantId(grantId: string): Promise<void> {
    this.#store.deleteByGrantId(grantId, this.#model);
  }
}
