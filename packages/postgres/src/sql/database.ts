/**
 * The little SQL both engines offer, so the store, the events and the
 * migrations are written once: node-postgres against a server, PGlite
 * embedded. Parameters are positional ($1, $2, …); one statement per query.
 */
export interface SqlQuery {
  query<R extends object = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<R[]>;
}

export interface SqlDatabase extends SqlQuery {
  /** "postgres": a server that many processes share; "pglite": an embedded database this process owns. */
  readonly engine: "postgres" | "pglite";
  /** Runs fn in one transaction on one connection; rolls back when fn throws. */
  transaction<T>(fn: (tx: SqlQuery) => Promise<T>): Promise<T>;
  /**
   * Runs fn while holding an exclusive lock named `name` in every process
   * using this database. fn's own queries go through the database as usual.
   */
  lock<T>(name: string, fn: () => Promise<T>): Promise<T>;
  /** Calls onPayload for every NOTIFY on channel, until the returned function is called. */
  listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

/** Every advisory lock of ours uses this first key, so our locks never collide with an application's own. */
export const ADVISORY_NAMESPACE = "langgraph_oauth";
