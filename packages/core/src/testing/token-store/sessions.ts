import { describe, expect, it } from "vitest";
import type { StoreSource } from "../token-store-conformance.ts";
import { key, session } from "./fixtures.ts";

/** createAuth, getAuth, getAuthByState, findPendingAuth, finishAuth. */
export function describeSessions({ open, openPair }: StoreSource): void {
  describe("sessions", () => {
    it("creates sessions, finds them by id and by state hash, and refuses a duplicate authId", async () => {
      const store = await open();
      const s = session();
      await store.createAuth(s);
      expect(await store.getAuth(s.authId)).toEqual(s);
      expect((await store.getAuthByState(s.stateHash))?.authId).toBe(s.authId);
      expect(await store.getAuth("auth_missing")).toBeUndefined();
      expect(await store.getAuthByState("missing")).toBeUndefined();
      await expect(store.createAuth({ ...s, stateHash: "other" })).rejects.toThrow();
    });

    it("finds the newest pending session for the same key and exact scope set only", async () => {
      const store = await open();
      const now = new Date();
      const older = session({ scopes: ["repo", "gist"] });
      const newer = session({ scopes: ["gist", "repo"], createdAt: new Date(Date.now() + 5000).toISOString() });
      await store.createAuth(older);
      await store.createAuth(newer);
      await store.createAuth(session({ scopes: ["repo"], userId: "bob" }));
      expect((await store.findPendingAuth(key("alice"), ["repo", "gist"], now))?.authId).toBe(newer.authId);
      expect(await store.findPendingAuth(key("alice"), ["repo"], now)).toBeUndefined();
      expect(await store.findPendingAuth(key("alice"), ["repo", "gist", "admin"], now)).toBeUndefined();
      expect(await store.findPendingAuth(key("alice", "github", "agent-a"), ["repo", "gist"], now)).toBeUndefined();
      expect(await store.findPendingAuth(key("carol"), ["repo"], now)).toBeUndefined();
    });

    it("does not offer expired, consumed or finished sessions for reuse", async () => {
      const store = await open();
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

    it("records the final status of a session: completed, denied or failed", async () => {
      const store = await open();
      for (const status of ["completed", "denied", "failed"] as const) {
        const s = session({ scopes: [status] });
        await store.createAuth(s);
        await store.finishAuth(s.authId, status);
        expect((await store.getAuth(s.authId))?.status).toBe(status);
        expect((await store.getAuthByState(s.stateHash))?.status).toBe(status);
        expect(await store.findPendingAuth(key("alice"), [status], new Date())).toBeUndefined();
      }
      await expect(store.finishAuth("auth_missing", "failed")).resolves.toBeUndefined();
    });

    it("shows a session created through one connection to the other, and its final status back", async () => {
      const [a, b] = await openPair();
      const s = session();
      await a.createAuth(s);
      expect((await b.findPendingAuth(key("alice"), ["repo"], new Date()))?.authId).toBe(s.authId);
      await b.finishAuth(s.authId, "completed");
      expect((await a.getAuth(s.authId))?.status).toBe("completed");
      await expect(b.createAuth({ ...s, stateHash: "other" })).rejects.toThrow();
    });
  });
}
