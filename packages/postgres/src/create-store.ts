import { mkdir } from "node:fs/promises";
import type { PGlite } from "@electric-sql/pglite";
import type { Pool } from "pg";
import { ConfigurationError } from "@langgraph-oauth/core";
import type { SqlDatabase } from "./sql/database.ts";
import { pgDatabase } from "./sql/pg-database.ts";
import { pgliteDatabase } from "./sql/pglite-database.ts";
import { migrate } from "./schema/migrations.ts";
import { SqlTokenStore } from "./store/sql-token-store.ts";
import { SqlAuthEvents } from "./events/sql-auth-events.ts";
import { rewrap, type RewrapOptions, type RewrapReport } from "./rewrap/rewrap.ts";

export interface DurableStoreOptions {
  /** How often a waiter re-reads its session in case a notification was lost. Default 1 s. */
  recheckMs?: number | undefined;
  /** How long a session is kept after it expired (a late callback then says "expired", not "unknown"). Default 1 hour. */
  retainExpiredMs?: number | undefined;
  /** How often expired sessions are deleted. Default 1 minute. */
  sweepIntervalMs?: number | undefined;
}

/** What a broker takes (`store`, `events`), plus maintenance. */
export interface DurableStore {
  store: SqlTokenStore;
  events: SqlAuthEvents;
  /** Re-encrypts every row to the newest key of encryptionKey; see `rewrap`. */
  rewrap(encryptionKey: string | readonly string[], options?: RewrapOptions): Promise<RewrapReport>;
  /** Stops timers and listeners, and closes the connection this package opened (never one you passed in). */
  close(): Promise<void>;
}

export type PostgresStoreOptions = DurableStoreOptions &
  (
    | { pool: Pool; connectionString?: undefined }
    | {
        connectionString: string;
        pool?: undefined;
        /** Connections in the pool this package opens. Locks hold one each while waiting. Default 10. */
        maxConnections?: number | undefined;
      }
  );

export type PGliteStoreOptions = DurableStoreOptions & ({ dataDir: string; db?: undefined } | { db: PGlite; dataDir?: undefined });

/** Migrates and starts listening; closes db (if it owns it) when either fails. */
async function open(db: SqlDatabase, options: DurableStoreOptions): Promise<DurableStore> {
  let events: SqlAuthEvents;
  try {
    await migrate(db);
    events = await SqlAuthEvents.start(db, { recheckMs: options.recheckMs });
  } catch (error) {
    await db.close().catch(() => undefined);
    throw error;
  }
  const store = new SqlTokenStore(db);
  const retainMs = options.retainExpiredMs ?? 3_600_000;
  const sweep = () => store.sweepSessions(new Date(Date.now() - retainMs)).catch(() => 0);
  await sweep();
  const timer = setInterval(() => void sweep(), options.sweepIntervalMs ?? 60_000).unref();
  let closed: Promise<void> | undefined;
  return {
    store,
    events,
    rewrap: (encryptionKey, rewrapOptions) => rewrap(db, encryptionKey, rewrapOptions),
    close: () =>
      (closed ??= (async () => {
        clearInterval(timer);
        await events.close();
        await db.close();
      })()),
  };
}

/** Each engine is an optional peer, loaded only by its own factory. */
async function importPeer<M>(load: () => Promise<M>, factory: string, name: string): Promise<M> {
  try {
    return await load();
  } catch {
    throw new ConfigurationError(`${factory} needs the ${name} package; install it: pnpm add ${name}.`);
  }
}

/** `postgres://user@host:5432/db`, without the password, for messages. */
function describeUrl(url: URL): string {
  return `${url.protocol}//${url.username ? `${decodeURIComponent(url.username)}@` : ""}${url.host}${url.pathname}`;
}

function parseConnectionString(text: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new ConfigurationError("DATABASE_URL is not a URL; use postgres://user:password@host:5432/database.");
  }
  if (url.protocol !== "postgres:" && url.protocol !== "postgresql:") {
    throw new ConfigurationError(`DATABASE_URL must start with postgres:// or postgresql://, not ${url.protocol}//.`);
  }
  return url;
}

/**
 * The store for many processes: a PostgreSQL server they all share. Runs the
 * migrations before it resolves; a database that cannot be reached fails here,
 * with one line that says which and why, and no password.
 */
export async function createPostgresStore(options: PostgresStoreOptions): Promise<DurableStore> {
  const { default: pg } = await importPeer(() => import("pg"), "createPostgresStore", "pg");
  let pool: Pool;
  let where = "the given pool";
  if (options.pool === undefined) {
    where = describeUrl(parseConnectionString(options.connectionString));
    pool = new pg.Pool({ connectionString: options.connectionString, max: options.maxConnections ?? 10, connectionTimeoutMillis: 10_000 });
    // An idle connection that breaks is dropped by the pool and replaced on the next query; without a listener it would crash the process.
    pool.on("error", () => undefined);
  } else {
    pool = options.pool;
  }
  try {
    return await open(pgDatabase(pool, options.pool === undefined), options);
  } catch (error) {
    if (error instanceof ConfigurationError) throw error;
    const reason = (error as { code?: unknown; message?: unknown }).code ?? (error as Error).message;
    throw new ConfigurationError(`Cannot use PostgreSQL at ${where} (${String(reason)}); check DATABASE_URL and that the server runs.`);
  }
}

/**
 * The embedded store: PostgreSQL compiled to WebAssembly, in this process,
 * data in `dataDir`. Nothing to install or run. One process at a time may
 * open a data directory; for several processes use createPostgresStore.
 */
export async function createPGliteStore(options: PGliteStoreOptions): Promise<DurableStore> {
  let db: PGlite;
  if (options.db === undefined) {
    const { PGlite } = await importPeer(() => import("@electric-sql/pglite"), "createPGliteStore", "@electric-sql/pglite");
    await mkdir(options.dataDir, { recursive: true });
    db = await PGlite.create(options.dataDir);
  } else {
    db = options.db;
  }
  return open(pgliteDatabase(db, options.db === undefined), options);
}
