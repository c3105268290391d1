import { describe, expect, it } from "vitest";
import { runAuthEventsConformance } from "../testing/auth-events-conformance.ts";
import { runTokenStoreConformance } from "../testing/token-store-conformance.ts";
import { session as pendingSessionFixture } from "../testing/token-store/fixtures.ts";
import { MemoryAuthEvents, MemoryTokenStore } from "./memory-store.ts";

runTokenStoreConformance({ name: "MemoryTokenStore", create: async () => new MemoryTokenStore() });
runAuthEventsConformance({ name: "MemoryAuthEvents", create: async () => new MemoryAuthEvents() });

describe("MemoryTokenStore", () => {
  it("keeps each instance's data to itself", async () => {
    const a = new MemoryTokenStore();
    const b = new MemoryTokenStore();
    const key = { userId: "alice", provider: "github" };
    await a.putToken({ key, ciphertext: "x", scopes: [], updatedAt: new Date().toISOString() });
    expect(await b.getToken(key)).toBeUndefined();
    expect((await a.getToken(key))?.ciphertext).toBe("x");
  });
});

describe("MemoryTokenStore sessions", () => {
  const session = (authId: string, userId: string, expiresAt: number) =>
    pendingSessionFixture({ authId, stateHash: `hash_${authId}`, userId, createdAt: new Date(expiresAt - 600_000).toISOString(), expiresAt: new Date(expiresAt).toISOString() });

  it("sweeps sessions once they are past expiry plus the retention, keeping the rest", async () => {
    let clock = Date.parse("2026-01-01T00:00:00Z");
    const store = new MemoryTokenStore({ now: () => clock, retainExpiredMs: 3_600_000 });
    for (let i = 0; i < 30_000; i += 1) await store.createAuth(session(`auth_old_${i}`, `user_${i}`, clock + 600_000));
    await store.createAuth(session("auth_late", "late", clock + 3 * 3_600_000));
    expect(store.sessionCount).toBe(30_001);

    clock += 600_000 + 3_600_000 + 60_000;
    await store.createAuth(session("auth_new", "new", clock + 600_000));
    expect(store.sessionCount).toBe(2);
    expect(await store.getAuth("auth_old_7")).toBeUndefined();
    expect(await store.getAuthByState("hash_auth_old_7")).toBeUndefined();
    expect((await store.findPendingAuth({ userId: "late", provider: "github" }, ["repo"], new Date(clock)))?.authId).toBe("auth_late");
  });

  it("keeps a finished session readable, but no longer offers it as pending", async () => {
    const store = new MemoryTokenStore();
    await store.createAuth(session("auth_1", "alice", Date.now() + 600_000));
    await store.finishAuth("auth_1", "failed");
    expect((await store.getAuth("auth_1"))?.status).toBe("failed");
    expect(await store.findPendingAuth({ userId: "alice", provider: "github" }, ["repo"], new Date())).toBeUndefined();
  });
});
