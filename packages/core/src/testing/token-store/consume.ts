import { describe, expect, it } from "vitest";
import type { StoreSource } from "../token-store-conformance.ts";
import { session } from "./fixtures.ts";

/** consumeAuthState and releaseAuthState: the callback's replay protection. */
export function describeConsume({ open, openPair }: StoreSource): void {
  describe("consume and release", () => {
    it("consumes a state exactly once, even under concurrency", async () => {
      const store = await open();
      const s = session();
      await store.createAuth(s);
      const results = await Promise.all(Array.from({ length: 20 }, () => store.consumeAuthState(s.stateHash, new Date())));
      expect(results.filter(Boolean)).toHaveLength(1);
      expect(results.find(Boolean)?.authId).toBe(s.authId);
      expect((await store.getAuth(s.authId))?.consumedAt).toBeTypeOf("string");
      expect(await store.consumeAuthState(s.stateHash, new Date())).toBeUndefined();
      expect(await store.consumeAuthState("unknown", new Date())).toBeUndefined();
    });

    it("consumes a state exactly once when two connections race for it", async () => {
      const [a, b] = await openPair();
      for (let round = 0; round < 5; round += 1) {
        const s = session();
        await a.createAuth(s);
        const results = await Promise.all(
          Array.from({ length: 10 }, (_, i) => (i % 2 === 0 ? a : b).consumeAuthState(s.stateHash, new Date())),
        );
        expect(results.filter(Boolean).map((r) => r?.authId)).toEqual([s.authId]);
      }
    });

    it("releases a consumed state so that the same redirect can be retried, but never a finished or expired one", async () => {
      const store = await open();
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

    it("lets the other connection consume a state released by the first", async () => {
      const [a, b] = await openPair();
      const s = session();
      await a.createAuth(s);
      expect(await a.consumeAuthState(s.stateHash, new Date())).toBeDefined();
      expect(await b.consumeAuthState(s.stateHash, new Date())).toBeUndefined();
      await a.releaseAuthState(s.stateHash, new Date());
      expect((await b.consumeAuthState(s.stateHash, new Date()))?.authId).toBe(s.authId);
    });
  });
}
