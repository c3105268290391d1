import { describe, expect, it } from "vitest";
import type { StoreSource } from "../token-store-conformance.ts";
import { key, token } from "./fixtures.ts";

/** getToken, putToken, deleteToken. */
export function describeTokens({ open, openPair }: StoreSource): void {
  describe("tokens", () => {
    it("stores, reads, replaces and deletes a token by (user, provider, agent)", async () => {
      const store = await open();
      expect(await store.getToken(key("alice"))).toBeUndefined();
      await store.putToken(token(key("alice")));
      expect(await store.getToken(key("alice"))).toMatchObject({ ciphertext: "jwe-1", scopes: ["repo"], key: { userId: "alice", provider: "github" } });
      await store.putToken(token(key("alice"), "jwe-2", ["repo", "gist"]));
      expect(await store.getToken(key("alice"))).toMatchObject({ ciphertext: "jwe-2", scopes: ["repo", "gist"] });
      expect(await store.deleteToken(key("alice"))).toBe(true);
      expect(await store.deleteToken(key("alice"))).toBe(false);
      expect(await store.getToken(key("alice"))).toBeUndefined();
    });

    it("keeps the metadata it was given: expiry, update time, no expiry", async () => {
      const store = await open();
      await store.putToken(token(key("alice")));
      await store.putToken({ key: key("bob"), ciphertext: "jwe-b", scopes: [], updatedAt: "2026-02-03T04:05:06.789Z" });
      expect(await store.getToken(key("alice"))).toMatchObject({ expiresAt: "2030-01-01T00:00:00.000Z", updatedAt: "2026-01-01T00:00:00.000Z" });
      const bob = await store.getToken(key("bob"));
      expect(bob).toMatchObject({ scopes: [], updatedAt: "2026-02-03T04:05:06.789Z" });
      expect(bob?.expiresAt).toBeUndefined();
    });

    it("never returns one user's, provider's or agent's token for another key", async () => {
      const store = await open();
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
      const store = await open();
      await store.putToken(token(key("alice")));
      const read = await store.getToken(key("alice"));
      read!.scopes.push("admin");
      expect((await store.getToken(key("alice")))?.scopes).toEqual(["repo"]);
    });

    it("shows a token written through one connection to the other at once", async () => {
      const [a, b] = await openPair();
      await a.putToken(token(key("alice"), "from-a"));
      expect((await b.getToken(key("alice")))?.ciphertext).toBe("from-a");
      await b.putToken(token(key("alice"), "from-b"));
      expect((await a.getToken(key("alice")))?.ciphertext).toBe("from-b");
      expect(await b.deleteToken(key("alice"))).toBe(true);
      expect(await a.getToken(key("alice"))).toBeUndefined();
    });
  });
}
