import type { AuthInfo, CallbackResult } from "@langgraph-oauth/core";
import { isOAuthInterrupt, type OAuthResume } from "@langgraph-oauth/langgraph/interrupt";

/** An interrupt waiting on a thread, as LangGraph reports it (state.tasks[].interrupts[]). */
export interface PendingInterrupt {
  id?: string | undefined;
  value?: unknown;
}

/** A task of the thread's next step, as `getState()` reports it. */
export interface PendingTask {
  interrupts?: ReadonlyArray<PendingInterrupt> | undefined;
  /** Set once the task finished; LangGraph still lists the interrupt it was resumed from. */
  result?: unknown;
}

/** `{ [interruptId]: { authId, status } }`: LangGraph's resume map (docs/architecture.md "Resume maps"). */
export type OAuthResumeMap = Record<string, OAuthResume>;

export type AuthLookup = (authId: string) => Promise<AuthInfo | undefined>;

/** The interrupts still waiting: those of tasks that have not finished. */
export function waitingInterrupts(tasks: ReadonlyArray<PendingTask>): PendingInterrupt[] {
  return tasks.flatMap((task) => (task.result === undefined || task.result === null ? (task.interrupts ?? []) : []));
}

function covers(granted: AuthInfo, other: AuthInfo): boolean {
  const scopes = new Set(granted.scopes);
  return (
    other.provider === granted.provider &&
    (other.agentId ?? undefined) === (granted.agentId ?? undefined) &&
    other.scopes.every((s) => scopes.has(s))
  );
}

/**
 * The resume map for a finished consent, or `undefined` when no waiting
 * interrupt is answered by it (someone resumed it already). Included, all
 * for the consent's own user only:
 *
 * - every OAuth interrupt that carries this authId: createAgent raises one
 *   per parallel tool call, and they share one consent;
 * - after a completed consent, those waiting on a newer pending authId of
 *   the same provider, agent and (covered) scopes: a task that re-ran in
 *   another process while this consent's code exchange was in flight could
 *   not reuse the consumed authorization and asked for a new one, which this
 *   token now satisfies (in one process the broker makes it wait instead);
 * - those whose consent finished too but whose own resume found the thread
 *   busy.
 *
 * Others (other users, consents still open) are left out: their tasks re-run
 * and pause again with the same URL. A value is only a hint: withOAuth asks
 * the broker again before any tool body runs.
 */
export async function oauthResumeMap(
  interrupts: readonly PendingInterrupt[],
  callback: Pick<CallbackResult, "authId" | "status" | "userId">,
  lookup: AuthLookup,
): Promise<OAuthResumeMap | undefined> {
  const map: OAuthResumeMap = {};
  let answered = false;
  const seen = new Map<string, Promise<AuthInfo | undefined>>();
  const info = (authId: string) => {
    let found = seen.get(authId);
    // An unknown or malformed authId is "not ours", not an error.
    if (!found) seen.set(authId, (found = lookup(authId).catch(() => undefined)));
    return found;
  };
  for (const interrupt of interrupts) {
    const value = interrupt.value;
    if (typeof interrupt.id !== "string" || !isOAuthInterrupt(value)) continue;
    if (value.authId === callback.authId) {
      map[interrupt.id] = { authId: value.authId, status: callback.status };
      answered = true;
      continue;
    }
    const other = await info(value.authId);
    if (!other || other.userId !== callback.userId) continue;
    if (other.status !== "pending") {
      map[interrupt.id] = { authId: value.authId, status: other.status };
      continue;
    }
    const mine = callback.status === "completed" ? await info(callback.authId) : undefined;
    if (mine && covers(mine, other)) {
      map[interrupt.id] = { authId: value.authId, status: "completed" };
      answered = true;
    }
  }
  return answered ? map : undefined;
}
