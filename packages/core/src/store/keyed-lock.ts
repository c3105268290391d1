/**
 * Runs tasks one at a time per key, in this process; tasks of other keys run
 * in parallel. The memory store's `withLock` is this, and so is the
 * per-thread ordering of auto-resume in the server.
 */
export function createKeyedLock(): <T>(key: string, task: () => Promise<T>) => Promise<T> {
  const tails = new Map<string, Promise<unknown>>();
  return async <T>(key: string, task: () => Promise<T>): Promise<T> => {
    const previous = tails.get(key) ?? Promise.resolve();
    // The tails never reject, so the task runs once the previous one settled, whatever its outcome.
    const run = previous.then(task);
    const tail = run.catch(() => undefined);
    tails.set(key, tail);
    try {
      return await run;
    } finally {
      // Only the last task of a key removes it, so the map does not grow with every key ever seen.
      if (tails.get(key) === tail) tails.delete(key);
    }
  };
}
