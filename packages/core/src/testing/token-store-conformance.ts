import { describe } from "vitest";
import type { TokenStore } from "../store/types.ts";
import { sourceOf, type Initializer, type Source } from "./initializer.ts";
import { describeTokens } from "./token-store/tokens.ts";
import { describeSessions } from "./token-store/sessions.ts";
import { describeConsume } from "./token-store/consume.ts";
import { describeLocks } from "./token-store/locks.ts";

/** How the TokenStore suite gets stores of one backend; `connect` opens a second connection to the same data. */
export type TokenStoreInitializer<S extends TokenStore = TokenStore> = Initializer<S, TokenStore>;
export type StoreSource = Source<TokenStore>;

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
  const initializer: TokenStoreInitializer = typeof init === "string" ? { name: init, create: factory ?? missingFactory } : (init as TokenStoreInitializer);
  describe(`TokenStore conformance: ${initializer.name}`, () => {
    const source = sourceOf(initializer);
    describeTokens(source);
    describeSessions(source);
    describeConsume(source);
    describeLocks(source);
  });
}

function missingFactory(): Promise<TokenStore> {
  throw new TypeError("runTokenStoreConformance(name, factory) needs a factory that returns an empty store.");
}
