import { describe, expect, it } from "vitest";
import type { AuthEvents, FinalAuthStatus } from "../store/types.ts";
import { sourceOf, type Initializer } from "./initializer.ts";

/** How the AuthEvents suite gets instances; `connect` gives one that shares the first one's events (another connection). */
export type AuthEventsInitializer<E extends AuthEvents = AuthEvents> = Initializer<E, AuthEvents>;

/** Collects what one subscription hears and lets a test await the n-th event. */
function recorder(events: AuthEvents, authId: string) {
  const seen: string[] = [];
  const waiters: Array<{ count: number; resolve: () => void }> = [];
  const stop = events.subscribe(authId, (status) => {
    seen.push(status);
    for (const w of waiters.filter((x) => seen.length >= x.count)) w.resolve();
  });
  const heard = (count: number) =>
    new Promise<void>((resolve) => (seen.length >= count ? resolve() : waiters.push({ count, resolve })));
  return { seen, stop, heard };
}

/** The contract of AuthEvents: delivery per authId, every final status, across instances that share a store. */
export function runAuthEventsConformance<E extends AuthEvents>(init: AuthEventsInitializer<E>): void {
  describe(`AuthEvents conformance: ${init.name}`, () => {
    const { open, openPair } = sourceOf(init);

    it("delivers an event to the listeners of that authId only, until they unsubscribe", async () => {
      const events = await open();
      const one = recorder(events, "auth_1");
      const two = recorder(events, "auth_2");
      await events.publish("auth_1", "completed");
      await one.heard(1);
      one.stop();
      await events.publish("auth_1", "denied");
      await events.publish("auth_2", "denied");
      // Events are delivered in order, so once auth_2's arrived, a second auth_1 event would have too.
      await two.heard(1);
      expect(one.seen).toEqual(["completed"]);
      expect(two.seen).toEqual(["denied"]);
      two.stop();
    });

    it("delivers every final status, failed included, to every listener of the authId", async () => {
      const events = await open();
      const a = recorder(events, "auth_s");
      const b = recorder(events, "auth_s");
      const statuses: FinalAuthStatus[] = ["completed", "denied", "failed"];
      for (const status of statuses) await events.publish("auth_s", status);
      await Promise.all([a.heard(3), b.heard(3)]);
      expect(a.seen).toEqual(statuses);
      expect(b.seen).toEqual(statuses);
      a.stop();
      b.stop();
    });

    it("delivers an event published by one instance to a listener of another", async () => {
      const [a, b] = await openPair();
      const onB = recorder(b, "auth_x");
      const onA = recorder(a, "auth_y");
      await a.publish("auth_x", "completed");
      await b.publish("auth_y", "failed");
      await Promise.all([onB.heard(1), onA.heard(1)]);
      expect(onB.seen).toEqual(["completed"]);
      expect(onA.seen).toEqual(["failed"]);
      onA.stop();
      onB.stop();
    });
  });
}
