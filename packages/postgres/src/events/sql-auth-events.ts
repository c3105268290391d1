import type { AuthEvents, FinalAuthStatus } from "@langgraph-oauth/core";
import type { SqlDatabase } from "../sql/database.ts";
import { SCHEMA } from "../schema/migrations.ts";

/** The NOTIFY channel of completion events; the payload is `{"authId","status"}`. */
export const AUTH_CHANNEL = "langgraph_oauth_auth";

type Listener = (status: FinalAuthStatus) => void;

const FINAL = new Set<string>(["completed", "denied", "failed"]);

export interface SqlAuthEventsOptions {
  /** How often a waiter re-reads its session in case a notification was lost. Default 1 s. */
  recheckMs?: number | undefined;
}

/**
 * Completion events over LISTEN/NOTIFY, so a callback handled by one process
 * wakes `waitForCompletion` in another. NOTIFY is not durable (a dropped
 * listening connection misses events), so while anyone is subscribed the
 * sessions they wait for are also re-read on a timer: a lost notification
 * costs at most `recheckMs`, never a hang until the timeout.
 */
export class SqlAuthEvents implements AuthEvents {
  readonly #db: SqlDatabase;
  readonly #listeners = new Map<string, Set<Listener>>();
  readonly #recheckMs: number;
  #unlisten: (() => Promise<void>) | undefined;
  #timer: ReturnType<typeof setInterval> | undefined;

  private constructor(db: SqlDatabase, options: SqlAuthEventsOptions) {
    this.#db = db;
    this.#recheckMs = options.recheckMs ?? 1000;
  }

  /** Resolves once this process listens, so no event published afterwards is missed. */
  static async start(db: SqlDatabase, options: SqlAuthEventsOptions = {}): Promise<SqlAuthEvents> {
    const events = new SqlAuthEvents(db, options);
    events.#unlisten = await db.listen(AUTH_CHANNEL, (payload) => events.#onPayload(payload));
    return events;
  }

  async publish(authId: string, status: FinalAuthStatus): Promise<void> {
    await this.#db.query("SELECT pg_notify($1, $2)", [AUTH_CHANNEL, JSON.stringify({ authId, status })]);
  }

  subscribe(authId: string, listener: Parameters<AuthEvents["subscribe"]>[1]): () => void {
    // AuthEvents' listener type gains "failed" once the broker handles it; until then this widens it.
    const heard = listener as Listener;
    let set = this.#listeners.get(authId);
    if (!set) this.#listeners.set(authId, (set = new Set()));
    set.add(heard);
    this.#timer ??= setInterval(() => void this.#recheck(), this.#recheckMs).unref();
    return () => {
      set.delete(heard);
      if (set.size === 0) this.#listeners.delete(authId);
      if (this.#listeners.size === 0) {
        clearInterval(this.#timer);
        this.#timer = undefined;
      }
    };
  }

  async close(): Promise<void> {
    clearInterval(this.#timer);
    this.#timer = undefined;
    this.#listeners.clear();
    await this.#unlisten?.();
    this.#unlisten = undefined;
  }

  #deliver(authId: string, status: string): void {
    if (!FINAL.has(status)) return;
    for (const listener of [...(this.#listeners.get(authId) ?? [])]) listener(status as FinalAuthStatus);
  }

  #onPayload(payload: string): void {
    try {
      const { authId, status } = JSON.parse(payload) as { authId?: unknown; status?: unknown };
      if (typeof authId === "string" && typeof status === "string") this.#deliver(authId, status);
    } catch {
      // Someone else's NOTIFY on our channel; nothing of ours to deliver.
    }
  }

  async #recheck(): Promise<void> {
    const ids = [...this.#listeners.keys()];
    if (ids.length === 0) return;
    try {
      const rows = await this.#db.query<{ auth_id: string; status: string }>(
        `SELECT auth_id, status FROM ${SCHEMA}.auth_sessions WHERE auth_id = ANY($1::text[]) AND status <> 'pending'`,
        [ids],
      );
      for (const row of rows) this.#deliver(row.auth_id, row.status);
    } catch {
      // The database is unreachable for now; the next tick tries again, and the waiter's timeout still holds.
    }
  }
}
