/**
 * A signal that aborts when `short` or `long` does, for a request's signal
 * joined with a server-lifetime one. `AbortSignal.any` would do, but on
 * Node 20 it keeps every joined signal reachable from the long-lived one, so
 * each request leaks. Here the listeners are removed by `release()`, which
 * the caller runs when the request is done.
 */
export function linkSignals(short: AbortSignal, long: AbortSignal | undefined): { signal: AbortSignal; release: () => void } {
  if (!long) return { signal: short, release: () => {} };
  const controller = new AbortController();
  const abort = (): void => controller.abort(short.aborted ? short.reason : long.reason);
  if (short.aborted || long.aborted) {
    abort();
    return { signal: controller.signal, release: () => {} };
  }
  short.addEventListener("abort", abort, { once: true });
  long.addEventListener("abort", abort, { once: true });
  return {
    signal: controller.signal,
    release: () => {
      short.removeEventListener("abort", abort);
      long.removeEventListener("abort", abort);
    },
  };
}
