import { onTestFinished } from "vitest";
import type { TokenStore } from "../../store/types.ts";

/**
 * How the conformance suite gets stores of one backend, in the shape of
 * LangGraph's checkpoint-validation initializers. A backend's test file is
 * `runTokenStoreConformance(initializer)`.
 */
export interface TokenStoreInitializer<S extends TokenStore = TokenStore> {
  /** Shown in the describe block: "TokenStore conformance: <name>". */
  name: string;
  /** Once before the suite, e.g. start a server or create a database. */
  beforeAll?(): Promise<void>;
  afterAll?(): Promise<void>;
  /** An empty store, on its own database or with every table emptied. */
  create(): Promise<S>;
  /**
   * A second store on the same data as `store`, over its own connection (a
   * second pool, as another process would have). Omitted for a store that
   * lives in one process's memory: the cross-connection tests then share one
   * instance.
   */
  connect?(store: S): Promise<TokenStore>;
  /** After each test, for every store create() or connect() returned. */
  destroy?(store: TokenStore): Promise<void>;
}

/** The test-scoped way to get stores: each is destroyed when the test ends. */
export interface StoreSource {
  open(): Promise<TokenStore>;
  /** Two stores on one database; the same instance twice without `connect`. */
  openPair(): Promise<[TokenStore, TokenStore]>;
}

export function storeSource<S extends TokenStore>(init: TokenStoreInitializer<S>): StoreSource {
  const track = <T extends TokenStore>(store: T): T => {
    onTestFinished(async () => {
      await init.destroy?.(store);
    });
    return store;
  };
  return {
    open: async () => track(await init.create()),
    async openPair() {
      const first = track(await init.create());
      return [first, init.connect ? track(await init.connect(first)) : first];
    },
  };
}
