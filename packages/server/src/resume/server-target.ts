import { Client, type Config } from "@langchain/langgraph-sdk";
import { ConfigurationError, type CallbackResult } from "@langgraph-oauth/core";
import { waitingInterrupts, type OAuthResumeMap } from "./resume-map.ts";
import type { ResumeAttempt, ResumeTarget, ThreadSnapshot } from "./target.ts";

/** The part of the SDK client auto-resume uses. */
export type LangGraphClient = Pick<Client, "threads" | "runs">;

export interface ServerTargetOptions {
  /**
   * The client that resumes threads, or a function that returns one per
   * consent (e.g. with a credential your custom auth maps to `callback.userId`).
   * Default: `new Client({ apiUrl, apiKey })`; without `apiUrl`, the SDK's
   * in-process loopback of the LangGraph server this app is mounted in.
   */
  client?: LangGraphClient | ((callback: CallbackResult) => LangGraphClient | Promise<LangGraphClient>) | undefined;
  apiUrl?: string | undefined;
  /** Sent as `x-api-key`. Default: the SDK reads LANGGRAPH_API_KEY / LANGSMITH_API_KEY; null sends none. */
  apiKey?: string | null | undefined;
  /** Default: the assistant of the thread's last run (thread metadata `assistant_id`, then `graph_id`). */
  assistantId?: string | undefined;
  /** Extra run config; `configurable.user_id` is always the user bound to the consent. */
  config?: ((callback: CallbackResult) => Config | undefined) | undefined;
}

/** Set by `langgraphjs dev` / the LangGraph JS server before it loads `http.app` (langgraph-api's loopback.mjs). */
const LOOPBACK = Symbol.for("langgraph_api:fetch");

/** Thread metadata key a client sets to `false` when it resumes the thread itself. */
export const AUTO_RESUME_METADATA_KEY = "oauth_auto_resume";

function httpStatus(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === "number" ? status : undefined;
}

/**
 * The thread already has a run in flight. LangGraph Platform answers 409;
 * the JS dev server (langgraph-api 1.5) answers 422 "Thread is already
 * running a task".
 */
function isBusy(error: unknown): boolean {
  const status = httpStatus(error);
  return status === 409 || (status === 422 && /already running/i.test(error instanceof Error ? error.message : ""));
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal.addEventListener("abort", onAbort, { once: true });
  });
}

export function serverTarget(options: ServerTargetOptions): ResumeTarget {
  let shared: LangGraphClient | undefined;
  // One client per consent from a client function (it may mint a credential), not one per request.
  const perConsent = new WeakMap<CallbackResult, Promise<LangGraphClient>>();

  /** Created at the first consent, not at import: `langgraphjs dev` binds its loopback after loading the graphs. */
  async function clientFor(callback: CallbackResult): Promise<LangGraphClient> {
    const factory = options.client;
    if (typeof factory === "function") {
      let client = perConsent.get(callback);
      if (!client) perConsent.set(callback, (client = Promise.resolve(factory(callback))));
      return client;
    }
    if (factory) return factory;
    if (!shared) {
      if (options.apiUrl === undefined && !(LOOPBACK in globalThis)) {
        throw new ConfigurationError(
          "autoResume found no LangGraph server to call: pass { apiUrl } or { client } (or { graph } for a compiled graph in this process). " +
            "Without them it only works inside a LangGraph server (langgraphjs dev, http.app).",
        );
      }
      shared = new Client({ ...(options.apiUrl !== undefined ? { apiUrl: options.apiUrl } : {}), ...(options.apiKey !== undefined ? { apiKey: options.apiKey } : {}) });
    }
    return shared;
  }

  return {
    async read(threadId, callback): Promise<ThreadSnapshot | undefined> {
      const client = await clientFor(callback);
      try {
        const [thread, state] = await Promise.all([client.threads.get(threadId), client.threads.getState(threadId)]);
        const metadata = thread.metadata ?? {};
        const assistant = metadata["assistant_id"] ?? metadata["graph_id"];
        return {
          interrupts: waitingInterrupts(state.tasks),
          busy: thread.status === "busy",
          optedOut: metadata[AUTO_RESUME_METADATA_KEY] === false,
          assistantId: options.assistantId ?? (typeof assistant === "string" ? assistant : undefined),
        };
      } catch (error) {
        if (httpStatus(error) === 404) return undefined;
        throw error;
      }
    },

    async resume(threadId, callback, snapshot, map: OAuthResumeMap): Promise<ResumeAttempt> {
      if (snapshot.assistantId === undefined) {
        throw new ConfigurationError(`autoResume cannot tell which assistant ran thread ${threadId}; pass { assistantId }.`);
      }
      const client = await clientFor(callback);
      const extra = options.config?.(callback);
      // §8 "Identity on resume": a run's configurable comes from the request
      // that starts it, so the user bound to the consent goes with it.
      const config: Config = { ...extra, configurable: { ...extra?.configurable, user_id: callback.userId } };
      try {
        const run = await client.runs.create(threadId, snapshot.assistantId, {
          command: { resume: map },
          config,
          // "reject", not "enqueue": a queued resume would carry interrupt ids
          // read before the running run ended. We wait and read again instead.
          multitaskStrategy: "reject",
          metadata: { langgraph_oauth_auto_resume: callback.authId },
        });
        return { status: "started", runId: run.run_id };
      } catch (error) {
        if (isBusy(error)) return { status: "busy" };
        throw error;
      }
    },

    async waitUntilIdle(threadId, callback, signal) {
      const client = await clientFor(callback);
      const runs = await client.runs.list(threadId, { limit: 20, signal });
      const active = runs.filter((run) => run.status === "pending" || run.status === "running");
      for (const run of active) await client.runs.join(threadId, run.run_id, { signal });
      // The thread's status can trail the end of its last run by a moment.
      if (active.length === 0) await sleep(50, signal);
    },
  };
}
