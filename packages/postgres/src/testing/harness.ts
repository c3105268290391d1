import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import type { AuthEventsInitializer, TokenStoreInitializer } from "@langgraph-oauth/core/testing";
import type { TokenStore } from "@langgraph-oauth/core";
import { createPGliteStore, createPostgresStore, type DurableStore, type DurableStoreOptions } from "../create-store.ts";
import { SCHEMA } from "../schema/migrations.ts";
import type { SqlTokenStore } from "../store/sql-token-store.ts";
import type { SqlAuthEvents } from "../events/sql-auth-events.ts";

/** Opens stores on one test database; `reset` empties every table. */
export interface DurableHarness {
  name: string;
  setUp(): Promise<void>;
  tearDown(): Promise<void>;
  /** A store on the test database, as another process would open it (its own connection or pool). */
  open(options?: DurableStoreOptions): Promise<DurableStore>;
  reset(): Promise<void>;
  /** The test database's URL (PostgreSQL only). */
  readonly url: string | undefined;
}

const TABLES = ["connections", "auth_sessions", "audit_log", "events"].map((t) => `${SCHEMA}.${t}`).join(", ");

/** A fresh database on the shared server per test file, so files run in parallel without seeing each other. */
export function postgresHarness(serverUrl: string): DurableHarness {
  const database = `lgo_test_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  const admin = async <T>(fn: (client: pg.Client) => Promise<T>): Promise<T> => {
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    try {
      return await fn(client);
    } finally {
      await client.end();
    }
  };
  return {
    name: "PostgreSQL",
    url: url.href,
    setUp: () => admin((c) => c.query(`CREATE DATABASE ${database}`)).then(() => undefined),
    tearDown: () => admin((c) => c.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`)).then(() => undefined),
    open: (options = {}) => createPostgresStore({ ...options, connectionString: url.href, maxConnections: 20 }),
    async reset() {
      // Opening a store migrates a fresh database, so the tables exist to be emptied.
      await (await this.open()).close();
      const client = new pg.Client({ connectionString: url.href });
      await client.connect();
      try {
        await client.query(`TRUNCATE ${TABLES}`);
      } finally {
        await client.end();
      }
    },
  };
}

/** One in-memory PGlite per test file (it takes seconds to boot); stores on it share its data. */
export function pgliteHarness(): DurableHarness {
  let db: PGlite | undefined;
  const live = () => {
    if (!db) throw new Error("pgliteHarness: setUp() first");
    return db;
  };
  return {
    name: "PGlite",
    url: undefined,
    async setUp() {
      db ??= await PGlite.create();
    },
    async tearDown() {
      await db?.close();
      db = undefined;
    },
    open: (options = {}) => createPGliteStore({ ...options, db: live() }),
    async reset() {
      await (await this.open()).close();
      await live().query(`TRUNCATE ${TABLES}`);
    },
  };
}

/**
 * The two conformance initializers over one harness: every store or events
 * object is a DurableStore of its own, closed after the test; setUp runs once
 * however many suites use the harness.
 */
export function conformanceInitializers(harness: DurableHarness): {
  tokenStore: TokenStoreInitializer<SqlTokenStore>;
  authEvents: AuthEventsInitializer<SqlAuthEvents>;
} {
  const owners = new Map<object, DurableStore>();
  let users = 0;
  const beforeAll = async () => {
    if (users++ === 0) await harness.setUp();
  };
  const afterAll = async () => {
    if (--users === 0) await harness.tearDown();
  };
  const openTracked = async () => {
    const durable = await harness.open({ recheckMs: 200 });
    owners.set(durable.store, durable);
    owners.set(durable.events, durable);
    return durable;
  };
  const destroy = async (owned: object) => {
    await owners.get(owned)?.close();
    owners.delete(owned);
  };
  const fresh = async () => {
    await harness.reset();
    return openTracked();
  };
  return {
    tokenStore: {
      name: harness.name,
      beforeAll,
      afterAll,
      create: async () => (await fresh()).store,
      connect: async (): Promise<TokenStore> => (await openTracked()).store,
      destroy,
    },
    authEvents: {
      name: harness.name,
      beforeAll,
      afterAll,
      create: async () => (await fresh()).events,
      connect: async () => (await openTracked()).events,
      destroy,
    },
  };
}
