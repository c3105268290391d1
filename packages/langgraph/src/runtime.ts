/**
 * What this package needs to know about the LangGraph run a tool is in, read
 * from the run's config: is there a run, can it pause (a
 * checkpointer), and which resume values has this task been given.
 *
 * The keys below are LangGraph's own (constants.js of @langchain/langgraph
 * 1.7: CONFIG_KEY_SCRATCHPAD, CONFIG_KEY_CHECKPOINTER); `interrupt()` reads
 * the very same keys, so our checks agree with what it would do.
 */
import type { RunnableConfig } from "@langchain/core/runnables";
import { AsyncLocalStorageProviderSingleton } from "@langchain/core/singletons";
import { interrupt } from "@langchain/langgraph";
import { isOAuthInterrupt, isOAuthResume } from "./interrupt.ts";

const SCRATCHPAD = "__pregel_scratchpad";
const CHECKPOINTER = "__pregel_checkpointer";
const TASK_ID = "__pregel_task_id";
const CHECKPOINT_MAP = "checkpoint_map";
const INTERRUPT_CHANNEL = "__interrupt__";

/** The one checkpointer method raisedOAuthInterrupts needs (BaseCheckpointSaver.getTuple). */
interface CheckpointReader {
  getTuple(config: RunnableConfig): Promise<{ pendingWrites?: [string, string, unknown][] | undefined } | undefined>;
}

/** The part of LangGraph's per-task scratchpad that interrupt() uses. */
interface Scratchpad {
  interruptCounter: number;
  resume: unknown[];
  nullResume?: unknown;
}

export interface GraphRun {
  /** The config interrupt() must see: the task's, with its scratchpad. */
  readonly config: RunnableConfig;
  /** Per task: shared by every tool call that runs inside one task (prebuilt ToolNode). */
  readonly scratchpad: Scratchpad;
  readonly hasCheckpointer: boolean;
}

function isScratchpad(value: unknown): value is Scratchpad {
  return typeof value === "object" && value !== null && Array.isArray((value as Scratchpad).resume) && typeof (value as Scratchpad).interruptCounter === "number";
}

/**
 * The graph task this call runs in, or undefined outside any graph.
 *
 * The tool's own config normally carries the task's configurable. A caller
 * that passes `tool.invoke(x, { configurable: {...} })` inside a node
 * replaces it (langchain merges configs shallowly) while interrupt() still
 * sees the node's config through AsyncLocalStorage, so that one is the
 * fallback.
 */
export function graphRun(config: RunnableConfig): GraphRun | undefined {
  let source: RunnableConfig | undefined = config;
  let scratchpad = config.configurable?.[SCRATCHPAD];
  if (scratchpad === undefined) {
    source = AsyncLocalStorageProviderSingleton.getRunnableConfig() as RunnableConfig | undefined;
    scratchpad = source?.configurable?.[SCRATCHPAD];
  }
  if (!source || !isScratchpad(scratchpad)) return undefined;
  return { config: source, scratchpad, hasCheckpointer: Boolean(source.configurable?.[CHECKPOINTER]) };
}

/**
 * Calls LangGraph's interrupt() under the task's config. It throws
 * GraphInterrupt (the pause) unless this task holds a resume value for the
 * next interrupt position, which it then returns: values are matched to
 * interrupt() calls by call order within a task.
 */
export function pause(run: GraphRun, value: unknown): unknown {
  return AsyncLocalStorageProviderSingleton.runWithConfig(run.config, () => interrupt(value));
}

/** Every resume value this task was given, consumed or not. */
export function resumeValues(run: GraphRun): unknown[] {
  const { resume, nullResume } = run.scratchpad;
  return nullResume === undefined ? resume : [...resume, nullResume];
}

/**
 * The authIds of the OAuth interrupts this task raised before it was
 * resumed. LangGraph keeps a paused task's interrupts as its "__interrupt__"
 * pending writes on the checkpoint the resumed run starts from (PregelRunner
 * _commit), whoever resumes and with whatever value; the task's config names
 * that checkpoint (checkpoint_map at the parent namespace) and the task.
 */
export async function raisedOAuthAuthIds(run: GraphRun): Promise<string[]> {
  const configurable = run.config.configurable ?? {};
  const checkpointer = configurable[CHECKPOINTER] as CheckpointReader | undefined;
  const taskId: unknown = configurable[TASK_ID];
  const namespace: unknown = configurable["checkpoint_ns"];
  if (typeof checkpointer?.getTuple !== "function" || typeof taskId !== "string" || typeof namespace !== "string") return [];
  const parent = namespace.split("|").slice(0, -1).join("|");
  const checkpointId = (configurable[CHECKPOINT_MAP] as Record<string, string> | undefined)?.[parent];
  const tuple = await checkpointer.getTuple({ configurable: { thread_id: configurable["thread_id"], checkpoint_ns: parent, checkpoint_id: checkpointId } });
  const authIds: string[] = [];
  for (const [writer, channel, interrupts] of tuple?.pendingWrites ?? []) {
    if (writer !== taskId || channel !== INTERRUPT_CHANNEL || !Array.isArray(interrupts)) continue;
    for (const raised of interrupts as { value?: unknown }[]) if (isOAuthInterrupt(raised?.value)) authIds.push(raised.value.authId);
  }
  return authIds;
}

export function hasOAuthResumeValues(run: GraphRun): boolean {
  const { resume, nullResume } = run.scratchpad;
  return resume.length > 0 ? resume.some(isOAuthResume) || isOAuthResume(nullResume) : nullResume !== undefined && isOAuthResume(nullResume);
}

/** The value the next interrupt() call would return without pausing, mirroring interrupt()'s own logic. */
function nextResume(run: GraphRun): { value: unknown } | undefined {
  const { resume, nullResume, interruptCounter } = run.scratchpad;
  const index = interruptCounter + 1;
  if (index < resume.length) return { value: resume[index] };
  if (nullResume !== undefined && resume.length === index) return { value: nullResume };
  return undefined;
}

/**
 * Consumes the OAuth resume values queued at this task's next interrupt
 * positions, so that an interrupt() the tool body makes itself (a human
 * approval, say) gets its own answer and not a stale `{ authId, status }`.
 * Only a value already present is consumed: interrupt() then returns it and
 * never pauses.
 */
export function drainOAuthResumes(run: GraphRun): void {
  // Bounded: each call moves interrupt()'s counter one position on.
  for (let left = run.scratchpad.resume.length + 1; left > 0; left--) {
    const next = nextResume(run);
    if (!next || !isOAuthResume(next.value)) return;
    pause(run, { type: "oauth_resume_consumed" });
  }
}
