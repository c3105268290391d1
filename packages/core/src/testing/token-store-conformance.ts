import { describe, expect, it } from "vitest";
import type { AuthSession, StoredToken, TokenKey, TokenStore } from "../store/types.ts";

/**
 * The contract every TokenStore must keep. Run it from each store's tests:
 * `runTokenStoreConformance("memory", async () => new MemoryTokenStore())`.
 * The factory must return an empty store each time.
 */
export function runTokenStoreConformance(name: string, factory: () => Promise<TokenStore>): void {
  const key = (userId: string, provider = "github", agentId?: string): TokenKey => ({ userId, provider, agentId });
  const token = (k: TokenKey, ciphertext = "jwe-1", scopes = ["repo"]): StoredToken => ({
    key: k,
    ciphertext,
    scopes,
    expiresAt: "2030-01-01T00:00:00.000Z",
    updatedAt: "2026-01-01T00:00:00.000Z",
  });
  let n = 0;
  const session = (over: Partial<AuthSession> = {}): AuthSession => {
    n += 1;
    return {
      authId: `auth_${n}_${Math.random().toString(36).slice(2)}`,
      stateHash: `hash_${n}_${Math.random().toString(36).slice(2)}`,
      userId: "alice",
      provider: "github",
      agentId: undefined,
      threadId: "t1",
      scopes: ["repo"],
      reason: "connection_required",
      url: "https://example.test/authorize?x=1",
      redirectUri: "https://app.test/oauth/callback/github",
      sealedSecrets: "sealed",
      status: "pending",
      createdAt: new Date(Date.now() - 1000 + n).toISOString(),
      expiresAt: new Date(Date.now() + 600_000).toISOString(),
      metadata: { toolCallId: "call_1" },
      ...over,
    };
  };

  describe(`TokenStore conformance: ${name}`, () => {
    it("stores, reads, replaces and deletes a token by (user, provider, agent)", async () => {
      const store = await factory();
      expect(await store.getToken(key("alice"))).toBeUndefined();
      await store.putToken(token(key("alice")));
      expect(await store.getToken(key("alice"))).toMatchObject({ ciphertext: "jwe-1", scopes: ["repo"], key: { userId: "alice", provider: "github" } });
      await store.putToken(token(key("alice"), "jwe-2", ["repo", "gist"]));
      expect(await store.getToken(key("alice"))).toMatchObject({ ciphertext: "jwe-2", scopes: ["repo", "gist"] });
      expect(await store.deleteToken(key("alice"))).toBe(true);
      expect(await store.deleteToken(key("alice"))).toBe(false);
      expect(await store.getToken(key("alice"))).toBeUndefined();
    });

    it("never returns one user's, provider's or agent's token for another key", async () => {
      const store = await factory();
      await store.putToken(token(key("alice"), "alice-user"));
      await store.putToken(token(key("alice", "github", "agent-a"), "alice-agent-a"));
      await store.putToken(token(key("alice", "google"), "alice-google"));
      expect(await store.getToken(key("bob"))).toBeUndefined();
      expect((await store.getToken(key("alice", "github", "agent-b")))?.ciphertext).toBeUndefined();
      expect((await store.getToken(key("alice", "github", "agent-a")))?.ciphertext).toBe("alice-agent-a");
      expect((await store.getToken(key("alice")))?.ciphertext).toBe("alice-user");
      expect((await store.getToken(key("alice", "google")))?.ciphertext).toBe("alice-google");
      await store.deleteToken(key("alice", "github", "agent-a"));
      expect((await store.getToken(key("alice")))?.ciphertext).toBe("alice-user");
    });

    it("returns copies: mutating a result does not change what is stored", async () => {
      const store = await factory();
      await store.putToken(token(key("alice")));
      const read = await store.getToken(key("alice"));
      read!.scopes.push("admin");
      expect((await store.getToken(key("alice")))?.scopes).toEqual(["repo"]);
    });

    it("creates sessions, finds them by id and by state hash, and refuses a duplicate authId", async () => {
      const store = await factory();
      const s = session();
      await store.createAuth(s);
      expect(await store.getAuth(s.authId)).toMatchObject({ authId: s.authId, userId: "alice", metadata: { toolCallId: "call_1" } });
      expect((await store.getAuthByState(s.stateHash))?.authId).toBe(s.authId);
      expect(await store.getAuth("auth_missing")).toBeUndefined();
      expect(await store.getAuthByState("missing")).toBeUndefined();
      await expect(store.createAuth({ ...s, stateHash: "other" })).rejects.toThrow();
    });

    it("finds the newest pending session for the same key and exact scope set only", async () => {
      const store = await factory();
      const now = new Date();
      const older = session({ scopes: ["repo", "gist"] });
      const newer = session({ scopes: ["gist", "repo"], createdAt: new Date(Date.now() + 5000).toISOString() });
      await store.createAuth(older);
      await store.createAuth(newer);
      await store.createAuth(session({ scopes: ["repo"], userId: "bob" }));
      expect((await store.findPendingAuth(key("alice"), ["repo", "gist"], now))?.authId).toBe(newer.authId);
      expect(await store.findPendingAuth(key("alice"), ["repo"], now)).toBeUndefined();
      expect(await store.findPendingAuth(key("alice", "github", "agent-a"), ["repo", "gist"], now)).toBeUndefined();
      expect(await store.findPendingAuth(key("carol"), ["repo"], now)).toBeUndefined();
    });

    it("does not offer expired, consumed or finished sessions for reuse", async () => {
      const store = await factory();
      const now = new Date();
      const expired = session({ expiresAt: new Date(Date.now() - 1).toISOString() });
      const consumed = session({ scopes: ["a"] });
      const finished = session({ scopes: ["b"] });
      await store.createAuth(expired);
      await store.createAuth(consumed);
      await store.createAuth(finished);
      await store.consumeAuthState(consumed.stateHash, now);
      await store.finishAuth(finished.authId, "completed");
      expect(await store.findPendingAuth(key("alice"), ["repo"], now)).toBeUndefined();
      expect(await store.findPendingAuth(key("alice"), ["a"], now)).toBeUndefined();
      expect(await store.findPendingAuth(key("alice"), ["b"], now)).toBeUndefined();
      expect((await store.getAuth(finished.authId))?.status).toBe("completed");
    });

    it("consumes a state exactly once, even under concurrency", async () => {
      const store = await factory();
      const s = session();
      await store.createAuth(s);
      const results = await Promise.all(Array.from({ length: 20 }, () => store.consumeAuthState(s.stateHash, new Date())));
      expect(results.filter(Boolean)).toHaveLength(1);
      expect(results.find(Boolean)?.authId).toBe(s.authId);
      expect((await store.getAuth(s.authId))?.consumedAt).toBeTypeOf("string");
      expect(await store.consumeAuthState(s.stateHash, new Date())).toBeUndefined();
      expect(await store.consumeAuthState("unknown", new Date())).toBeUndefined();
    });

    it("releases a consumed state so that the same redirect can be retried, but never a finished or expired one", async () => {
      const store = await factory();
      const s = session();
      const finished = session({ scopes: ["f"] });
      const expired = session({ scopes: ["e"], expiresAt: new Date(Date.now() - 1).toISOString() });
      for (const x of [s, finished, expired]) {
        await store.createAuth(x);
        expect(await store.consumeAuthState(x.stateHash, new Date())).toBeDefined();
      }
      await store.releaseAuthState(s.stateHash, new Date());
      expect((await store.getAuth(s.authId))?.consumedAt).toBeUndefined();
      expect((await store.consumeAuthState(s.stateHash, new Date()))?.authId).toBe(s.authId);

      await store.finishAuth(finished.authId, "completed");
      await store.releaseAuthState(finished.stateHash, new Date());
      expect(await store.consumeAuthState(finished.stateHash, new Date())).toBeUndefined();
      await store.releaseAuthState(expired.stateHash, new Date());
      expect(await store.consumeAuthState(expired.stateHash, new Date())).toBeUndefined();
      await expect(store.releaseAuthState("unknown", new Date())).resolves.toBeUndefined();
    });

    it("records the final status of a session", async () => {
      const store = await factory();
      const s = session();
      await store.createAuth(s);
      await store.finishAuth(s.authId, "denied");
      expect((await store.getAuth(s.authId))?.status).toBe("denied");
    });

    it("runs locked sections with the same name one at a time, and others in parallel", async () => {
      const store = await factory();
      let inside = 0;
      let most = 0;
      const section = async () => {
        inside += 1;
        most = Math.max(most, inside);
        await new Promise((r) => setTimeout(r, 5));
        inside -= 1;
        return "done";
      };
      const results = await Promise.all(Array.from({ length: 5 }, () => store.withLock("refresh:alice", section)));
      expect(results).toEqual(Array(5).fill("done"));
      expect(most).toBe(1);

      let other = false;
      const slow = store.withLock("a", () => new Promise((r) => setTimeout(r, 30)));
      await store.withLock("b", async () => {
        other = true;
      });
      expect(other).toBe(true);
      await slow;
    });

    it("releases a lock when the section throws", async () => {
      const store = await factory();
      await expect(store.withLock("x", async () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
      await expect(store.withLock("x", async () => 42)).resolves.toBe(42);
    });
  });
}
