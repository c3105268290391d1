import type { CallbackResult } from "@langgraph-oauth/core";
import type { OAuthResumeMap, PendingInterrupt } from "./resume-map.ts";

/** What a target reports about a thread before a resume. */
export interface ThreadSnapshot {
  interrupts: readonly PendingInterrupt[];
  /** A run is in flight on the thread: resuming now would be refused. */
  busy: boolean;
  /** The thread asked not to be auto-resumed (metadata `oauth_auto_resume: false`). */
  optedOut: boolean;
  /** Target-specific: the assistant a LangGraph server run would use. */
  assistantId?: string | undefined;
}

export type ResumeAttempt = { status: "started"; runId?: string | undefined } | { status: "busy" };

/** Where a thread lives: a LangGraph server (SDK) or a compiled graph in this process. */
export interface ResumeTarget {
  /** undefined: no such thread. */
  read(threadId: string, callback: CallbackResult): Promise<ThreadSnapshot | undefined>;
  resume(threadId: string, callback: CallbackResult, snapshot: ThreadSnapshot, map: OAuthResumeMap): Promise<ResumeAttempt>;
  /** Resolves once no run is in flight on the thread (or rejects with the signal's reason). */
  waitUntilIdle(threadId: string, callback: CallbackResult, signal: AbortSignal): Promise<void>;
}
