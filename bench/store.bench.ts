import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { createKeyRing, createLocalBroker, discoverProvider, generateEncryptionKey, sealBinding, type LocalBroker } from "@langgraph-oauth/core";
import { startDevProvider, type DevProvider } from "@langgraph-oauth/dev-provider";
import { createPGliteStore, createPostgresStore, SCHEMA, type DurableStore } from "@langgraph-oauth/postgres";
import { findPostgresBin, startPostgresServer, type PostgresServer } from "@langgraph-oauth/postgres/testing";
import { CALLBACK_URL } from "./broker.ts";
import { compare, row } from "./measure.ts";

const CLIENT = { clientId: "bench-store", clientSecret: "bench-store-secret" };
const KEY = generateEncryptionKey("bench");
const REQUEST = { userId: "alice", provider: "devhub", scopes: ["repo"] };

interface Side {
  name: string;
  durable: DurableStore;
  /** Runs one SQL statement on the same database (for bulk filling). */
  sql(text: string): Promise<unknown>;
  close(): Promise<void>;
}

async function brokerOn(dev: DevProvider, durable: DurableStore, cacheTtlMs: number): Promise<LocalBroker> {
  const provider = await discoverProvider({ id: "devhub", issuer: dev.issuer, ...CLIENT });
  return createLocalBroker({ providers: [provider], callbackUrl: CALLBACK_URL, store: durable.store, events: durable.events, encryptionKey: KEY, cacheTtlMs });
}

/** Other users' connections up to `total` rows: real-looking ciphertext size, inserted in one statement. */
function fillTo(total: number, from: number): string {
  return `INSERT INTO ${SCHEMA}.connections (user_id, provider, ciphertext, kid, scopes, updated_at)
    SELECT 'user_' || i, 'devhub', repeat('x', 600), 'bench', ARRAY['repo'], now() FROM generate_series(${from}, ${total - 1}) AS i`;
}

/**
 * authenticate on a cache miss (every call reads and decrypts the stored
 * token) through PGlite and PostgreSQL, at growing numbers of stored
 * connections; then the refresh storm's upstream count.
 */
export async function benchStore(): Promise<void> {
  const dev = await startDevProvider({ clients: [{ ...CLIENT, redirectUris: [`${CALLBACK_URL}/devhub`] }] });
  let server: PostgresServer | undefined;
  const sides: Side[] = [];
  try {
    const lite = await PGlite.create();
    const liteStore = await createPGliteStore({ db: lite });
    sides.push({ name: "PGlite", durable: liteStore, sql: (text) => lite.query(text), close: () => liteStore.close().then(() => lite.close()) });
    let url = process.env.LANGGRAPH_OAUTH_TEST_DATABASE_URL;
    if (!url && findPostgresBin()) url = (server = await startPostgresServer()).url;
    if (url) {
      const admin = new pg.Pool({ connectionString: url, max: 2 });
      await admin.query(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE`);
      const pgStore = await createPostgresStore({ connectionString: url });
      sides.push({ name: "PostgreSQL", durable: pgStore, sql: (text) => admin.query(text), close: () => pgStore.close().then(() => admin.end()) });
    } else {
      console.log("store: PostgreSQL not found (/usr/lib/postgresql/*/bin, LANGGRAPH_OAUTH_TEST_DATABASE_URL): PGlite only");
    }

    const brokers: Record<string, LocalBroker> = {};
    for (const side of sides) {
      const consenting = await brokerOn(dev, side.durable, 0);
      const pending = await consenting.authenticate(REQUEST);
      if (pending.status !== "pending") throw new Error("expected a pending result");
      await consenting.handleCallback(await dev.consent(pending.url, { user: "alice" }));
      brokers[side.name] = await brokerOn(dev, side.durable, 0);
    }

    let stored = 1;
    for (const total of [1_000, 100_000, 1_000_000]) {
      for (const side of sides) {
        // PGlite is one process's embedded database; a million rows is PostgreSQL's job.
        if (side.name === "PGlite" && total > 100_000) continue;
        await side.sql(fillTo(total, stored));
        await side.sql(`ANALYZE ${SCHEMA}.connections`);
      }
      stored = total;
      const variants = Object.fromEntries(
        sides.filter((s) => s.name !== "PGlite" || total <= 100_000).map((s) => [`${s.name}, ${total.toLocaleString("en")} connections`, () => brokers[s.name]!.authenticate(REQUEST)]),
      );
      const result = await compare(variants, { iterations: 2_000, warmup: 200, rounds: 3 });
      console.log(`store: authenticate on a cache miss (read + decrypt), ${total.toLocaleString("en")} stored connections`);
      for (const [name, latency] of Object.entries(result)) console.log(row(name, latency));
    }

    const postgres = sides.find((s) => s.name === "PostgreSQL");
    if (postgres && url) await storm(dev, postgres.durable, url);
  } finally {
    for (const side of sides) await side.close();
    await server?.stop();
    await dev.close();
  }
}

/** 4 brokers, each on its own pool (as 4 processes would be) × 250 concurrent calls on one expired token. */
async function storm(dev: DevProvider, durable: DurableStore, url: string): Promise<void> {
  const key = { userId: "alice", provider: "devhub" };
  const ring = createKeyRing(KEY);
  const row = await durable.store.getToken(key);
  const set = await ring.open<{ expiresAt?: number }>(row!.ciphertext, sealBinding.token(key));
  await durable.store.putToken({ ...row!, ciphertext: await ring.seal({ ...set, expiresAt: Date.now() - 60_000 }, sealBinding.token(key)) });
  const pools = await Promise.all(Array.from({ length: 4 }, () => createPostgresStore({ connectionString: url })));
  try {
    const brokers = await Promise.all(pools.map((p) => brokerOn(dev, p, 30_000)));
    const before = dev.counts.refresh;
    const results = await Promise.all(brokers.flatMap((b) => Array.from({ length: 250 }, () => b.authenticate(REQUEST))));
    const completed = results.filter((r) => r.status === "completed").length;
    console.log(`store: refresh storm, 4 brokers × 250 calls on one expired token: ${dev.counts.refresh - before} upstream refresh, ${completed}/1000 completed`);
  } finally {
    await Promise.all(pools.map((p) => p.close()));
  }
}
