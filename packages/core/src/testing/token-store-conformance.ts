import { afterAll, beforeAll, describe } from "vitest";
import type { TokenStore } from "../store/types.ts";
import { storeSource, type TokenStoreInitializer } from "./token-store/initializer.ts";
import { describeTokens } from "./token-store/tokens.ts";
import { describeSessions } from "./token-store/sessions.ts";
import { describeConsume } from "./token-store/consume.ts";
import { describeLocks } from "./token-store/locks.ts";

export type { TokenStoreInitializer } from "./token-store/initializer.ts";

/**
 * The contract every TokenStore must keep, one describe block per group of
 * methods. A backend's test file:
 * `runTokenStoreConformance({ name: "memory", create: async () => new MemoryTokenStore() })`.
 * The older form `runTokenStoreConformance(name, factory)` still works; the
 * factory must return an empty store each time.
 */
export function runTokenStoreConformance<S extends TokenStore>(initializer: TokenStoreInitializer<S>): void;
export function runTokenStoreConformance(name: string, factory: () => Promise<TokenStore>): void;
export function runTokenStoreConformance<S extends TokenStore>(
  init: TokenStoreInitializer<S> | string,
  factory?: () => Promise<TokenStore>,
): void {
  const initializer: TokenStoreInitializer<TokenStore> =
    typeof init === "string" ? { name: init, create: factory ?? missingFactory } : (init as TokenStoreInitializer<TokenStore>);
  describe(`TokenStore conformance: ${initializer.name}`, () => {
    if (initializer.beforeAll) beforeAll(() => initializer.beforeAll?.());
    if (initializer.afterAll) afterAll(() => initializer.afterAll?.());
    const source = storeSource(initializer);
    describeTokens(source);
    describeSessions(source);
    describeConsume(source);
    describeLocks(source);
  });
}

function missingFactory(): Promise<TokenStore> {
  throw new TypeError("runTokenStoreConformance(name, factory) needs a factory that returns an empty store.");
}
