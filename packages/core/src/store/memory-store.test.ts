import { describe, expect, it } from "vitest";
import { runTokenStoreConformance } from "../testing/token-store-conformance.ts";
import { MemoryAuthEvents, MemoryTokenStore } from "./memory-store.ts";

runTokenStoreConformance("MemoryTokenStore", async () => new MemoryTokenStore());

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

describe("MemoryAuthEvents", () => {
  it("delivers an event to the listeners of that authId until they unsubscribe", () => {
    const events = new MemoryAuthEvents();
    const seen: string[] = [];
    const stop = events.subscribe("auth_1", (s) => seen.push(`1:${s}`));
    events.subscribe("auth_2", (s) => seen.push(`2:${s}`));
    events.publish("auth_1", "completed");
    stop();
    events.publish("auth_1", "denied");
    events.publish("auth_2", "denied");
    expect(seen).toEqual(["1:completed", "2:denied"]);
  });
});
