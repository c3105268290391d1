import type { RunnableConfig } from "@langchain/core/runnables";
import { Command } from "@langchain/langgraph";
import type { CallbackResult } from "@langgraph-oauth/core";
import { waitingInterrupts, type PendingTask } from "./resume-map.ts";
import type { ResumeTarget } from "./target.ts";

/** What auto-resume needs of a compiled graph (`StateGraph.compile({ checkpointer })`, `createAgent(...)`). */
export interface ResumableGraph {
  getState(config: RunnableConfig): Promise<{ tasks: ReadonlyArray<PendingTask> }>;
  invoke(input: unknown, config?: RunnableConfig): Promise<unknown>;
}

export interface GraphTargetOptions {
  graph: ResumableGraph;
  /**
   * Extra config for the resumed run (callbacks, recursion limit, your own
   * configurable keys). `configurable.thread_id` and `configurable.user_id`
   * are always the consent's thread and user.
   */
  config?: ((callback: CallbackResult) => RunnableConfig | undefined) | undefined;
}

/**
 * A graph compiled in this process. LangGraph itself does not lock a thread:
 * two invokes on one checkpoint both run its pending tasks. Auto-resume
 * serializes its own resumes per thread; a client that also resumes the same
 * threads in this process must not (turn auto-resume off for them).
 */
export function graphTarget(options: GraphTargetOptions): ResumeTarget {
  const { graph } = options;
  const configFor = (threadId: string, callback: CallbackResult): RunnableConfig => {
    const extra = options.config?.(callback);
    return { ...extra, configurable: { ...extra?.configurable, thread_id: threadId, user_id: callback.userId } };
  };
  return {
    async read(threadId, callback) {
      const state = await graph.getState(configFor(threadId, callback));
      return { interrupts: waitingInterrupts(state.tasks), busy: false, optedOut: false };
    },
    async resume(threadId, callback, _snapshot, map) {
      await graph.invoke(new Command({ resume: map }), configFor(threadId, callback));
      return { status: "started" };
    },
    async waitUntilIdle() {
      // Never busy: resumes of one thread are already serialized by auto-resume.
    },
  };
}
