import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import pg from "pg";
import { ConfigurationError } from "@langgraph-oauth/core";
import { pendingSessionFixture } from "@langgraph-oauth/core/testing";
import { createPostgresStore } from "./create-store.ts";
import { migrate, migrations, SCHEMA } from "./schema/migrations.ts";
import { pgliteHarness, postgresHarness, type DurableHarness } from "./testing/harness.ts";

const url = inject("postgresUrl");
const harnesses: DurableHarness[] = [pgliteHarness(), ...(url ? [postgresHarness(url)] : [])];

describe.each(harnesses)("$name store", (harness) => {
  beforeAll(() => harness.setUp());
  afterAll(() => harness.tearDown());

  it("wakes a waiter from the row when the notification never came", async () => {
    const durable = await harness.open({ recheckMs: 50 });
    try {
      await durable.store.createAuth(pendingSessionFixture({ authId: "auth_quiet", stateHash: "hash_quiet" }));
      const heard = new Promise((resolve) => durable.events.subscribe("auth_quiet", resolve));
      // Finished with no publish: what a process that crashed between the two leaves behind.
      await durable.store.finishAuth("auth_quiet", "completed");
      await expect(heard).resolves.toBe("completed");
    } finally {
      await durable.close();
    }
  });

  it("sweeps sessions that expired longer ago than the retention, and keeps the others", async () => {
    const durable = await harness.open({ retainExpiredMs: 60_000 });
    try {
      const base = { createdAt: new Date(Date.now() - 3_600_000).toISOString() };
      await durable.store.createAuth(pendingSessionFixture({ ...base, authId: "auth_old", expiresAt: new Date(Date.now() - 120_000).toISOString() }));
      await durable.store.createAuth(pendingSessionFixture({ ...base, authId: "auth_recent", expiresAt: new Date(Date.now() - 1000).toISOString() }));
      expect(await durable.store.sweepSessions(new Date(Date.now() - 60_000))).toBe(1);
      expect(await durable.store.getAuth("auth_old")).toBeUndefined();
      expect((await durable.store.getAuth("auth_recent"))?.authId).toBe("auth_recent");
    } finally {
      await durable.close();
    }
  });
});

describe.runIf(url)("PostgreSQL start-up", () => {
  const harness = postgresHarness(url);
  beforeAll(() => harness.setUp());
  afterAll(() => harness.tearDown());

  it("records each migration once however many processes migrate at once", async () => {
    const opened = await Promise.all(Array.from({ length: 4 }, () => harness.open()));
    await Promise.all(opened.map((d) => d.close()));
    const client = new pg.Client({ connectionString: harness.url });
    await client.connect();
    try {
      const { rows } = await client.query(`SELECT version FROM ${SCHEMA}.migrations ORDER BY version`);
      expect(rows.map((r) => r.version)).toEqual(migrations.map((m) => m.version));
    } finally {
      await client.end();
    }
  });

  it("refuses a database whose schema is newer than this package", async () => {
    const pool = new pg.Pool({ connectionString: harness.url });
    try {
      const db = (await import("./sql/pg-database.ts")).pgDatabase(pool, false);
      await migrate(db);
      await pool.query(`INSERT INTO ${SCHEMA}.migrations (version, name) VALUES (999, 'from the future')`);
      await expect(createPostgresStore({ pool })).rejects.toThrow(/version 999, newer than this @langgraph-oauth\/postgres knows/);
      await pool.query(`DELETE FROM ${SCHEMA}.migrations WHERE version = 999`);
    } finally {
      await pool.end();
    }
  });

  it("fails at start with one line naming the database, never the password, when DATABASE_URL is wrong", async () => {
    const server = new URL(url);
    const wrong = `postgres://postgres:s3cret-password@127.0.0.1:${server.port}/no_such_database`;
    const error = await createPostgresStore({ connectionString: wrong }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigurationError);
    const message = (error as Error).message;
    expect(message).toMatch(/^Cannot use PostgreSQL at postgres:\/\/postgres@127\.0\.0\.1:\d+\/no_such_database \(3D000\); check DATABASE_URL/);
    expect(message).not.toContain("s3cret");
    expect(message.split("\n")).toHaveLength(1);

    await expect(createPostgresStore({ connectionString: "mysql://x@localhost/db" })).rejects.toThrow(/must start with postgres:\/\//);
    await expect(createPostgresStore({ connectionString: "not a url" })).rejects.toThrow(ConfigurationError);
  });
});
