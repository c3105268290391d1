import { describe, expect, it } from "vitest";
import type { TokenStore } from "../../store/types.ts";
import type { StoreSource } from "../token-store-conformance.ts";

/** Counts how many sections are inside at once; `most` must stay 1 for one lock name. */
function overlapProbe() {
  const probe = { inside: 0, most: 0 };
  const section = async () => {
    probe.inside += 1;
    probe.most = Math.max(probe.most, probe.inside);
    // Several turns of the event loop and a timer, so an unlocked overlap would show.
    await new Promise((r) => setTimeout(r, 5));
    probe.inside -= 1;
    return "done";
  };
  return { probe, section };
}

/** A lock held until the returned release is called; resolves once it is held. */
async function holdLock(store: TokenStore, name: string): Promise<{ release: () => void; done: Promise<unknown> }> {
  let release = () => {};
  let held = () => {};
  const isHeld = new Promise<void>((r) => (held = r));
  const done = store.withLock(name, () => {
    held();
    return new Promise<void>((r) => (release = r));
  });
  await isHeld;
  return { release, done };
}

/** withLock: one section per name across every connection, others in parallel. */
export function describeLocks({ open, openPair }: StoreSource): void {
  describe("locks", () => {
    it("runs locked sections with the same name one at a time, and others in parallel", async () => {
      const store = await open();
      const { probe, section } = overlapProbe();
      const results = await Promise.all(Array.from({ length: 5 }, () => store.withLock("refresh:alice", section)));
      expect(results).toEqual(Array(5).fill("done"));
      expect(probe.most).toBe(1);

      const a = await holdLock(store, "a");
      await expect(store.withLock("b", async () => "b ran while a was held")).resolves.toBe("b ran while a was held");
      a.release();
      await a.done;
    });

    it("releases a lock when the section throws", async () => {
      const store = await open();
      await expect(store.withLock("x", async () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
      await expect(store.withLock("x", async () => 42)).resolves.toBe(42);
    });

    it("excludes sections of one name across two connections", async () => {
      const [a, b] = await openPair();
      const { probe, section } = overlapProbe();
      await Promise.all(Array.from({ length: 6 }, (_, i) => (i % 2 === 0 ? a : b).withLock("refresh:shared", section)));
      expect(probe.most).toBe(1);

      const held = await holdLock(a, "refresh:held");
      let entered = false;
      const waiting = b.withLock("refresh:held", async () => {
        entered = true;
      });
      // The other connection can work meanwhile, so b's section would have run by now if the lock let it.
      await b.withLock("refresh:other", async () => undefined);
      await b.getToken({ userId: "nobody", provider: "github" });
      expect(entered).toBe(false);
      held.release();
      await Promise.all([held.done, waiting]);
      expect(entered).toBe(true);
    });
  });
}
