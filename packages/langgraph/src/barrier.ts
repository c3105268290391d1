/**
 * Keeps tool bodies from running when a sibling in the same task is about to
 * pause. Prebuilt ToolNode runs all tool calls of one AI
 * message in one task with Promise.all; when one of them interrupts, the
 * whole task re-runs on resume, so a sibling whose body already ran would run
 * twice. Each wrapped call therefore waits, after its own check, until every
 * wrapped call that started in the same task has decided; if one paused, the
 * others rethrow that same GraphInterrupt instead of running their bodies.
 *
 * Tools that are not wrapped cannot be held back; the README says so.
 */

export interface TaskBarrier {
  /** Wrapped calls of this task still asking the broker. */
  checking: number;
  /** The GraphInterrupt a call of this task threw, if any. */
  paused: unknown;
  waiters: Array<() => void>;
}

/** Keyed by LangGraph's per-task scratchpad object, so entries die with the task. */
const barriers = new WeakMap<object, TaskBarrier>();

export function enterBarrier(task: object): TaskBarrier {
  let barrier = barriers.get(task);
  if (!barrier) {
    barrier = { checking: 0, paused: undefined, waiters: [] };
    barriers.set(task, barrier);
  }
  barrier.checking += 1;
  return barrier;
}

export function leaveBarrier(barrier: TaskBarrier, pausedWith?: unknown): void {
  barrier.checking -= 1;
  if (pausedWith !== undefined && barrier.paused === undefined) barrier.paused = pausedWith;
  if (barrier.checking === 0 || barrier.paused !== undefined) {
    const waiters = barrier.waiters;
    barrier.waiters = [];
    for (const wake of waiters) wake();
  }
}

/**
 * Resolves when no sibling is still checking; throws the sibling's
 * GraphInterrupt if one paused. The first wait is one macrotask, so that
 * siblings started by the same Promise.all (which reach their check through
 * microtasks only) have all entered.
 */
export async function awaitSiblings(barrier: TaskBarrier): Promise<void> {
  await new Promise<void>((resolve) => setImmediate(resolve));
  while (barrier.checking > 0 && barrier.paused === undefined) {
    await new Promise<void>((resolve) => barrier.waiters.push(resolve));
  }
  if (barrier.paused !== undefined) throw barrier.paused;
}
