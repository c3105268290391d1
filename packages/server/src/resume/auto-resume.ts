import { ConfigurationError, createKeyedLock, OAuthError, type AuthInfo, type CallbackResult } from "@langgraph-oauth/core";
import { AutoResumeError } from "./errors.ts";
import { graphTarget, type GraphTargetOptions } from "./graph-target.ts";
import { oauthResumeMap } from "./resume-map.ts";
import { serverTarget, type ServerTargetOptions } from "./server-target.ts";
import type { ResumeTarget } from "./target.ts";

interface CommonOptions {
  /** The broker behind createOAuthApp: tells the user and status of the other consents a thread waits on. */
  broker: { getAuth(authId: string): Promise<AuthInfo | undefined> };
  /** Return false to leave a consent's thread for the client to resume. */
  filter?: ((callback: CallbackResult) => boolean | Promise<boolean>) | undefined;
  /**
   * How long to wait for other runs on the thread to end before giving up
   * (`auto_resume_thread_busy`). Default 5 minutes.
   */
  busyTimeoutMs?: number | undefined;
  /** Every finished attempt: resumed, or skipped and why. */
  onOutcome?: ((outcome: AutoResumeOutcome) => void) | undefined;
  /** Default: one line on stderr with the error's name, code and message. */
  onError?: ((error: unknown, callback: CallbackResult) => void) | undefined;
}

/** Resume threads of a LangGraph server (langgraphjs dev, LangGraph Platform) through `@langchain/langgraph-sdk`. */
export type ServerAutoResumeOptions = CommonOptions & ServerTargetOptions & { graph?: undefined };

/** Resume threads of a graph compiled in this process. */
export type GraphAutoResumeOptions = CommonOptions & GraphTargetOptions & { client?: undefined; apiUrl?: undefined; apiKey?: undefined; assistantId?: undefined };

export type AutoResumeOptions = ServerAutoResumeOptions | GraphAutoResumeOptions;

export type AutoResumeSkipReason =
  /** The consent was not asked from a thread (e.g. an API `authenticate` without `thread_id`). */
  | "no_thread"
  /** `filter` returned false. */
  | "filtered"
  /** The LangGraph server knows no such thread. */
  | "thread_not_found"
  /** The thread's metadata has `oauth_auto_resume: false`. */
  | "opted_out"
  /** No pending interrupt carries this authId any more: someone resumed it already. */
  | "not_pending";

export type AutoResumeOutcome =
  | { status: "resumed"; authId: string; threadId: string; interruptIds: string[]; runId?: string | undefined }
  | { status: "skipped"; authId: string; threadId?: string | undefined; reason: AutoResumeSkipReason };

/** An `onCallback` hook that resumes in the background, plus ways to await it. */
export interface AutoResumeHook {
  (callback: CallbackResult): void;
  /** The same resume, awaited: resolves with what happened, rejects with why it could not. */
  resume(callback: CallbackResult): Promise<AutoResumeOutcome>;
  /** Resolves once every resume the hook started has settled (tests, graceful shutdown). */
  idle(): Promise<void>;
}

const DEFAULT_BUSY_TIMEOUT_MS = 5 * 60_000;

function defaultOnError(error: unknown, callback: CallbackResult): void {
  // Name, code and message only: a cause or stack may carry request data.
  const code = (error as { code?: unknown } | null)?.code;
  const what = error instanceof Error ? `${error.name}${typeof code === "string" ? ` (${code})` : ""}: ${error.message}` : typeof error;
  console.error(`[langgraph-oauth/server] auto-resume after consent ${callback.authId} failed: ${what}`);
}

function failure(error: unknown, ids: { threadId: string; authId: string }): Error {
  if (error instanceof OAuthError || error instanceof AutoResumeError) return error;
  const what = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return new AutoResumeError("auto_resume_failed", `Resuming thread ${ids.threadId} failed: ${what}`, ids, { cause: error });
}

/**
 * `createOAuthApp({ onCallback: autoResume({ broker, ... }) })`: when a
 * consent finishes (completed or denied) for an interrupt raised in a
 * LangGraph thread, resume that thread, so a person who consented in another
 * tab sees the run continue.
 *
 * - Which interrupts: every pending OAuth interrupt of the thread that
 *   carries this authId (parallel tool calls share one consent), in one
 *   resume map `{ [interruptId]: { authId, status } }`, plus the same user's
 *   other consents that finished meanwhile.
 * - Who: the run carries the user the broker bound to the authId
 *   (`configurable.user_id`); withOAuth refuses a resume for another user.
 * - Idempotent: nothing happens when no interrupt with this authId is
 *   pending any more (a client resumed first). Resumes of one thread run one
 *   at a time; when a LangGraph server says the thread is busy (409, or 422
 *   from `langgraphjs dev`), it waits for the running runs, reads the thread
 *   again, and resumes only what is still pending.
 *
 * The hook returns at once, so the success page is not held up by the run;
 * failures go to `onError`.
 */
export function autoResume(options: AutoResumeOptions): AutoResumeHook {
  if (!options?.broker || typeof options.broker.getAuth !== "function") {
    throw new ConfigurationError("autoResume needs { broker } (the one createOAuthApp uses) to look up consents.");
  }
  const viaGraph = options.graph !== undefined;
  if (viaGraph && (options.client !== undefined || options.apiUrl !== undefined)) {
    throw new ConfigurationError("autoResume takes { graph } for a compiled graph in this process, or { client } / { apiUrl } for a LangGraph server, not both.");
  }
  if (viaGraph && (typeof options.graph.getState !== "function" || typeof options.graph.invoke !== "function")) {
    throw new ConfigurationError("autoResume { graph } must be a compiled graph (with getState and invoke), compiled with a checkpointer.");
  }
  const busyTimeoutMs = options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS;
  if (!Number.isFinite(busyTimeoutMs) || busyTimeoutMs < 0) throw new ConfigurationError(`autoResume busyTimeoutMs must be a non-negative number; got ${busyTimeoutMs}.`);
  const target: ResumeTarget = options.graph !== undefined ? graphTarget(options) : serverTarget(options);
  const lookup = (authId: string) => options.broker.getAuth(authId);
  const lock = createKeyedLock();
  const onError = options.onError ?? defaultOnError;
  const running = new Set<Promise<void>>();

  async function resumeThread(threadId: string, callback: CallbackResult): Promise<AutoResumeOutcome> {
    const skipped = (reason: AutoResumeSkipReason): AutoResumeOutcome => ({ status: "skipped", authId: callback.authId, threadId, reason });
    const ids = { threadId, authId: callback.authId };
    const deadline = AbortSignal.timeout(busyTimeoutMs);
    for (;;) {
      const snapshot = await target.read(threadId, callback);
      if (!snapshot) return skipped("thread_not_found");
      if (snapshot.optedOut) return skipped("opted_out");
      // Read again on every pass: a run that just ended may have resumed (or re-raised) these interrupts.
      const map = await oauthResumeMap(snapshot.interrupts, callback, lookup);
      if (!map) return skipped("not_pending");
      if (!snapshot.busy) {
        const attempt = await target.resume(threadId, callback, snapshot, map);
        if (attempt.status === "started") {
          return { status: "resumed", authId: callback.authId, threadId, interruptIds: Object.keys(map), runId: attempt.runId };
        }
      }
      try {
        await target.waitUntilIdle(threadId, callback, deadline);
      } catch (error) {
        if (!deadline.aborted) throw error;
        throw new AutoResumeError(
          "auto_resume_thread_busy",
          `Thread ${threadId} stayed busy for ${busyTimeoutMs} ms after consent ${callback.authId}; it was not resumed. Resume it from the client.`,
          ids,
        );
      }
    }
  }

  async function resume(callback: CallbackResult): Promise<AutoResumeOutcome> {
    const threadId = callback.threadId ?? (await options.broker.getAuth(callback.authId))?.threadId;
    if (threadId === undefined) return { status: "skipped", authId: callback.authId, reason: "no_thread" };
    if (options.filter && !(await options.filter(callback))) return { status: "skipped", authId: callback.authId, threadId, reason: "filtered" };
    try {
      return await lock(threadId, () => resumeThread(threadId, callback));
    } catch (error) {
      throw failure(error, { threadId, authId: callback.authId });
    }
  }

  const hook = ((callback: CallbackResult) => {
    const task = resume(callback)
      .then((outcome) => options.onOutcome?.(outcome))
      .catch((error: unknown) => {
        try {
          onError(error, callback);
        } catch {
          // A failing error handler must not become an unhandled rejection.
        }
      });
    const tracked = task.finally(() => running.delete(tracked));
    running.add(tracked);
  }) as AutoResumeHook;
  hook.resume = resume;
  hook.idle = async () => {
    while (running.size > 0) await Promise.allSettled([...running]);
  };
  return hook;
}
