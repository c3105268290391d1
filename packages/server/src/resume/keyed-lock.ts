/**
 * Runs tasks one at a time per key (a thread id). Two callbacks for one
 * thread (two providers consented at once) then resume one after the other,
 * and the second sees what the first already resumed.
 */
export function createKeyedLock(): <T>(key: string, task: () => Promise<T>) => Promise<T> {
  const tails = new Map<string, Promise<unknown>>();
  return async <T>(key: string, task: () => Promise<T>): Promise<T> => {
    const previous = tails.get(key) ?? Promise.resolve();
    const run = previous.then(task, task);
    const tail = run.catch(() => undefined);
    tails.set(key, tail);
    try {
      return await run;
    } finally {
      // Only the last task of a key removes it, so the map does not grow with every thread ever seen.
      if (tails.get(key) === tail) tails.delete(key);
    }
  };
}
