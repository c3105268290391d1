/**
 * A createAgent graph over real OAuth tools for the auto-resume tests and
 * the benchmark: each tool calls the dev-provider's `/api/me` with its token
 * and records when its body starts, per tool call.
 */
import { tool } from "@langchain/core/tools";
import type { RunnableConfig } from "@langchain/core/runnables";
import { MemorySaver, type StateSnapshot } from "@langchain/langgraph";
import { createAgent } from "langchain";
import { z } from "zod";
import type { Broker } from "@langgraph-oauth/core";
import type { DevProvider } from "@langgraph-oauth/dev-provider";
import { getAccessToken, withOAuth } from "@langgraph-oauth/langgraph";
import { OfflineToolModel } from "@langgraph-oauth/langgraph/offline-model";

export interface ToolSpec {
  name: string;
  provider: string;
  dev: DevProvider;
}

export interface BodyRun {
  tool: string;
  toolCallId: string;
  threadId: string;
  /** performance.now() when the body started. */
  at: number;
}

/** The part of a createAgent graph the tests use: ReturnType of the generic createAgent loses the methods' types. */
export interface AgentGraph {
  invoke(input: unknown, config?: RunnableConfig): Promise<unknown>;
  getState(config: RunnableConfig): Promise<StateSnapshot>;
}

export interface TestAgent {
  graph: AgentGraph;
  /** Every tool body start, in order. */
  runs: BodyRun[];
  /** Resolves at the next tool body start. */
  nextBodyRun(): Promise<BodyRun>;
}

export function createTestAgent(broker: Broker, specs: readonly ToolSpec[], options: { toolCalls?: readonly string[] } = {}): TestAgent {
  const runs: BodyRun[] = [];
  let waiters: Array<(run: BodyRun) => void> = [];
  const tools = specs.map((spec) =>
    withOAuth(
      tool(
        async (_input, config) => {
          const run = {
            tool: spec.name,
            toolCallId: String(config.toolCall?.id),
            threadId: String(config.configurable?.["thread_id"]),
            at: performance.now(),
          };
          runs.push(run);
          const wake = waiters;
          waiters = [];
          for (const w of wake) w(run);
          const response = await fetch(`${spec.dev.apiUrl}/me`, { headers: { authorization: `Bearer ${getAccessToken()}` } });
          return JSON.stringify(await response.json());
        },
        { name: spec.name, description: `Calls ${spec.provider}.`, schema: z.object({}) },
      ),
      { broker, provider: spec.provider, scopes: ["read:user"] },
    ),
  );
  const graph: AgentGraph = createAgent({
    model: new OfflineToolModel({ toolCalls: options.toolCalls ?? specs.map((s) => s.name) }),
    tools,
    checkpointer: new MemorySaver(),
  });
  return { graph, runs, nextBodyRun: () => new Promise((resolve) => waiters.push(resolve)) };
}
