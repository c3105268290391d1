import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import pg from "pg";
import {
  createKeyRing,
  createLocalBroker,
  discoverProvider,
  generateEncryptionKey,
  sealBinding,
  type AuthResult,
  type LocalBroker,
  type TokenKey,
} from "@langgraph-oauth/core";
import { startDevProvider, type DevProvider } from "@langgraph-oauth/dev-provider";
import { createPostgresStore, type DurableStore } from "../create-store.ts";
import { SCHEMA } from "../schema/migrations.ts";
import { postgresHarness } from "../testing/harness.ts";
import { startWorker, type Worker, type WorkerConfig } from "./worker-client.ts";

const url = inject("postgresUrl");
const CALLBACK = "http://127.0.0.1:8787/oauth/callback";
const PROVIDER = "devhub";
const CLIENT = { clientId: "store-tests", clientSecret: "store-tests-secret" };

interface TokenSetShape {
  accessToken: string;
  refreshToken?: string;
  expiresAt?: number;
  scopes: string[];
}

describe.runIf(url)("brokers in separate processes sharing PostgreSQL", { timeout: 120_000 }, () => {
  const harness = postgresHarness(url);
  const key1 = generateEncryptionKey("key1");
  const key2 = generateEncryptionKey("key2");
  let dev: DevProvider;
  let durable: DurableStore;
  let broker: LocalBroker;
  const workers: Worker[] = [];

  const config = (over: Partial<WorkerConfig> = {}): WorkerConfig => ({
    databaseUrl: harness.url!,
    encryptionKey: key1,
    issuer: dev.issuer,
    providerId: PROVIDER,
    ...CLIENT,
    callbackUrl: CALLBACK,
    ...over,
  });
  const worker = async (over: Partial<WorkerConfig> = {}) => {
    const started = await startWorker(config(over));
    workers.push(started);
    return started;
  };
  const me = async (token: string) => (await fetch(`${dev.apiUrl}/me`, { headers: { authorization: `Bearer ${token}` } })).status;
  const keyOf = (userId: string): TokenKey => ({ userId, provider: PROVIDER });

  /** Consent for userId through the test's own broker; the token lands in the shared store. */
  async function consent(userId: string): Promise<void> {
    const pending = await broker.authenticate({ userId, provider: PROVIDER, scopes: ["repo"] });
    if (pending.status !== "pending") throw new Error("expected a consent");
    await broker.handleCallback(await dev.consent(pending.url, { user: userId }));
  }

  /** Rewrites the stored token as already expired (its refresh token unchanged), under `encryptionKey`. */
  async function expire(userId: string, encryptionKey = key1): Promise<TokenSetShape> {
    const ring = createKeyRing(encryptionKey);
    const row = await durable.store.getToken(keyOf(userId));
    const set = await ring.open<TokenSetShape>(row!.ciphertext, sealBinding.token(keyOf(userId)));
    const expired = { ...set, expiresAt: Date.now() - 60_000 };
    await durable.store.putToken({ ...row!, ciphertext: await ring.seal(expired, sealBinding.token(keyOf(userId))), expiresAt: new Date(expired.expiresAt).toISOString() });
    return set;
  }

  async function stored(userId: string, encryptionKey = key1): Promise<TokenSetShape> {
    const row = await durable.store.getToken(keyOf(userId));
    return createKeyRing(encryptionKey).open<TokenSetShape>(row!.ciphertext, sealBinding.token(keyOf(userId)));
  }

  beforeAll(async () => {
    await harness.setUp();
    dev = await startDevProvider({ clients: [{ ...CLIENT, redirectUris: [`${CALLBACK}/${PROVIDER}`] }], rotateRefreshTokens: true });
    durable = await createPostgresStore({ connectionString: harness.url!, recheckMs: 200 });
    const provider = await discoverProvider({ id: PROVIDER, name: "DevHub", issuer: dev.issuer, ...CLIENT, scopes: [] });
    broker = createLocalBroker({ providers: [provider], callbackUrl: CALLBACK, store: durable.store, events: durable.events, encryptionKey: key1 });
  });

  afterAll(async () => {
    await Promise.all(workers.map((w) => (w.child.exitCode === null && w.child.signalCode === null ? w.stop() : w.exited)));
    await durable?.close();
    await dev?.close();
    await harness.tearDown();
  });

  it("refresh storm: 4 processes × 250 calls on one expired token make exactly one refresh at the provider", async () => {
    await consent("storm");
    const before = await expire("storm");
    const pool = await Promise.all(Array.from({ length: 4 }, () => worker()));
    const refreshes = dev.counts.refresh;

    const results = (await Promise.all(pool.map((w) => w.send<AuthResult[]>({ op: "authenticate", userId: "storm", scopes: ["repo"], concurrency: 250 })))).flat();

    expect(dev.counts.refresh - refreshes).toBe(1);
    expect(results).toHaveLength(1000);
    const tokens = new Set(results.map((r) => (r.status === "completed" ? r.token : `not completed: ${r.status}`)));
    expect(tokens.size).toBe(1);
    const [token] = tokens;
    expect(await me(token!)).toBe(200);
    const after = await stored("storm");
    expect(after.accessToken).toBe(token);
    expect(after.refreshToken).toBeTypeOf("string");
    expect(after.refreshToken).not.toBe(before.refreshToken);

    // The stored refresh token is the live one: with rotation, a used one would revoke the grant instead.
    await expire("storm");
    const [again] = await pool[0]!.send<AuthResult[]>({ op: "authenticate", userId: "storm", scopes: ["repo"], concurrency: 1 });
    expect(again?.status).toBe("completed");
    expect(await me((again as Extract<AuthResult, { status: "completed" }>).token)).toBe(200);
    await Promise.all(pool.map((w) => w.stop()));
  });

  it("a callback handled by process A completes waitForCompletion in process B", async () => {
    const [a, b] = await Promise.all([worker(), worker()]);
    const [pending] = await b.send<AuthResult[]>({ op: "authenticate", userId: "bea", scopes: ["repo"], concurrency: 1 });
    if (pending?.status !== "pending") throw new Error("expected a consent");
    const waiting = b.send<{ status: string }>({ op: "wait", authId: pending.authId, timeoutMs: 60_000 });
    const redirect = await dev.consent(pending.url, { user: "bea" });
    await expect(a.send({ op: "callback", url: redirect })).resolves.toMatchObject({ status: "completed", authId: pending.authId });
    await expect(waiting).resolves.toEqual({ status: "completed" });
    // The same redirect replayed at B is refused: the state was consumed in A.
    await expect(b.send({ op: "callback", url: redirect })).rejects.toMatchObject({ code: "callback_state_replayed" });
    const [done] = await b.send<AuthResult[]>({ op: "authenticate", userId: "bea", scopes: ["repo"], concurrency: 1 });
    expect(done?.status).toBe("completed");
    await Promise.all([a.stop(), b.stop()]);
  });

  it("a process SIGKILLed right after the code exchange loses nothing: after a restart the token is there", async () => {
    const doomed = await worker({ dieAfterTokenWrite: true });
    const [pending] = await doomed.send<AuthResult[]>({ op: "authenticate", userId: "kim", scopes: ["repo"], concurrency: 1 });
    if (pending?.status !== "pending") throw new Error("expected a consent");
    const redirect = await dev.consent(pending.url, { user: "kim" });
    await expect(doomed.send({ op: "callback", url: redirect })).rejects.toThrow(/worker exited/);
    expect(await doomed.exited).toBe("SIGKILL");

    const restarted = await worker();
    const [result] = await restarted.send<AuthResult[]>({ op: "authenticate", userId: "kim", scopes: ["repo"], concurrency: 1 });
    expect(result?.status).toBe("completed");
    expect(await me((result as Extract<AuthResult, { status: "completed" }>).token)).toBe(200);
    await restarted.stop();
  });

  it("rewrap to key 2 while another process reads and refreshes: every row stays readable", async () => {
    await consent("rita");
    await expire("rita");
    const ring1 = createKeyRing(key1);
    for (let i = 0; i < 300; i += 1) {
      const key = keyOf(`user_${i}`);
      await durable.store.putToken({
        key,
        ciphertext: await ring1.seal({ accessToken: `at_${i}`, tokenType: "bearer", scopes: ["repo"] }, sealBinding.token(key)),
        scopes: ["repo"],
        updatedAt: new Date().toISOString(),
      });
    }
    const both = `${key2},${key1}`;
    const reader = await worker({ encryptionKey: both, cacheTtlMs: 0 });
    const reads = (async () => {
      const outcomes: AuthResult[] = [];
      outcomes.push(...(await reader.send<AuthResult[]>({ op: "authenticate", userId: "rita", scopes: ["repo"], concurrency: 5 })));
      for (let i = 0; i < 300; i += 25) outcomes.push(...(await reader.send<AuthResult[]>({ op: "authenticate", userId: `user_${i}`, scopes: ["repo"], concurrency: 3 })));
      return outcomes;
    })();
    const report = await durable.rewrap(both, { batchSize: 50 });
    const outcomes = await reads;

    expect(outcomes.every((o) => o.status === "completed")).toBe(true);
    expect(report.unreadable).toEqual([]);
    expect(report.rewrapped + report.changedMeanwhile).toBeGreaterThanOrEqual(300);
    const client = new pg.Client({ connectionString: harness.url });
    await client.connect();
    try {
      const { rows } = await client.query(`SELECT count(*)::int AS n FROM ${SCHEMA}.connections WHERE kid IS DISTINCT FROM 'key2'`);
      expect(rows[0].n).toBe(0);
    } finally {
      await client.end();
    }
    // Key 1 can go: a process with key 2 alone reads every row, the refreshed one included.
    const only2 = await worker({ encryptionKey: key2, cacheTtlMs: 0 });
    const [rita] = await only2.send<AuthResult[]>({ op: "authenticate", userId: "rita", scopes: ["repo"], concurrency: 1 });
    expect(rita?.status).toBe("completed");
    const [last] = await only2.send<AuthResult[]>({ op: "authenticate", userId: "user_299", scopes: ["repo"], concurrency: 1 });
    expect(last).toMatchObject({ status: "completed", token: "at_299" });
    await Promise.all([reader.stop(), only2.stop()]);
  });

  it("a corrupted row or an unknown kid is a typed error naming no token, and rewrap lists it by user and provider", async () => {
    const ring1 = createKeyRing(key1);
    const stranger = createKeyRing(generateEncryptionKey("lost-key"));
    const good = await ring1.seal({ accessToken: "at_secret_value", tokenType: "bearer", scopes: ["repo"] }, sealBinding.token(keyOf("mallory")));
    const parts = good.split(".");
    parts[3] = `${parts[3]!.slice(0, -2)}AA`;
    await durable.store.putToken({ key: keyOf("mallory"), ciphertext: parts.join("."), scopes: ["repo"], updatedAt: new Date().toISOString() });
    await durable.store.putToken({
      key: keyOf("oscar"),
      ciphertext: await stranger.seal({ accessToken: "at_other_secret", tokenType: "bearer", scopes: ["repo"] }, sealBinding.token(keyOf("oscar"))),
      scopes: ["repo"],
      updatedAt: new Date().toISOString(),
    });
    for (const userId of ["mallory", "oscar"]) {
      const outcome = await broker.authenticate({ userId, provider: PROVIDER, scopes: ["repo"] }).then(
        (r) => (r.status === "pending" ? r.reason : r.status),
        (e: { code?: string; message: string }) => {
          expect(e.message).not.toMatch(/at_secret_value|at_other_secret/);
          return e.code;
        },
      );
      // Today the broker raises DecryptionError; once it treats an unreadable row as a missing connection, it asks for consent.
      expect(["decryption_failed", "unreadable"]).toContain(outcome);
    }
    // Rewrap to key 2 tries every row under another key: both of these.
    const report = await durable.rewrap(`${key2},${key1}`);
    expect(report.unreadable).toEqual(expect.arrayContaining([keyOf("mallory"), keyOf("oscar")]));
    expect(JSON.stringify(report)).not.toMatch(/at_secret_value|at_other_secret/);
  });
});
