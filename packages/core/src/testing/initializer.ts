import { afterAll, beforeAll, onTestFinished } from "vitest";

/**
 * How a conformance suite gets instances of one backend, in the shape of
 * LangGraph's checkpoint-validation initializers. A backend's test file is
 * `runTokenStoreConformance(initializer)`.
 */
export interface Initializer<T extends Shared, Shared = T> {
  /** Shown in the describe block. */
  name: string;
  /** Once before the suite, e.g. start a server or create a database. */
  beforeAll?(): Promise<void>;
  afterAll?(): Promise<void>;
  /** A fresh instance: its own database, or every table emptied. */
  create(): Promise<T>;
  /**
   * A second instance on the same data as `first`, over its own connection
   * (as another process would have). Omitted for in-process backends: the
   * cross-connection tests then use one instance twice.
   */
  connect?(first: T): Promise<Shared>;
  /** After each test, for every instance create() or connect() returned. */
  destroy?(instance: Shared): Promise<void>;
}

/** The test-scoped way to get instances: each is destroyed when its test ends. */
export interface Source<Shared> {
  open(): Promise<Shared>;
  /** Two instances on one database; the same one twice without `connect`. */
  openPair(): Promise<[Shared, Shared]>;
}

/** Registers the initializer's suite hooks (call inside the suite's describe) and returns its Source. */
export function sourceOf<T extends Shared, Shared>(init: Initializer<T, Shared>): Source<Shared> {
  if (init.beforeAll) beforeAll(() => init.beforeAll?.());
  if (init.afterAll) afterAll(() => init.afterAll?.());
  const track = <I extends Shared>(instance: I): I => {
    onTestFinished(async () => {
      await init.destroy?.(instance);
    });
    return instance;
  };
  return {
    open: async () => track(await init.create()),
    async openPair() {
      const first = track(await init.create());
      return [first, init.connect ? track(await init.connect(first)) : first];
    },
  };
}
