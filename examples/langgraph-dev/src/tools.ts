import { tool } from "@langchain/core/tools";
import type { RunnableConfig } from "@langchain/core/runnables";
import { z } from "zod";
import { getAccessToken, withOAuth } from "@langgraph-oauth/langgraph";
import { broker, devhub } from "./oauth.ts";

/**
 * Whose DevHub account: the LangGraph user (custom auth), then
 * `configurable.user_id`, then a fixed demo user, since Studio without custom
 * auth sends neither. Auto-resume passes the bound user as `user_id`.
 */
export function demoUser(config: RunnableConfig): string {
  const configurable = config.configurable ?? {};
  const identity = (configurable["langgraph_auth_user"] as { identity?: unknown } | undefined)?.identity;
  if (typeof identity === "string" && identity !== "") return identity;
  const userId = configurable["user_id"];
  return typeof userId === "string" && userId !== "" ? userId : "studio-user";
}

/**
 * How often each tool call's body ran. It shows in the result, so you can
 * see in Studio that pausing for consent and resuming ran the body once.
 */
const bodyRuns = new Map<string, number>();

function countRun(config: { toolCall?: { id?: string | undefined } | undefined }): number {
  const id = config.toolCall?.id ?? "(no tool call id)";
  const n = (bodyRuns.get(id) ?? 0) + 1;
  bodyRuns.set(id, n);
  return n;
}

async function me(): Promise<{ sub?: string; scopes?: string[] }> {
  const response = await fetch(`${devhub.apiUrl}/me`, { headers: { authorization: `Bearer ${getAccessToken("devhub")}` } });
  return (await response.json()) as { sub?: string; scopes?: string[] };
}

/** Wrapped with withOAuth: the token is checked before the body runs, wherever the tool is used. */
export const whoami = withOAuth(
  tool(
    async (_input, config) => {
      const runs = countRun(config);
      const { sub } = await me();
      return JSON.stringify({ sub, bodyRuns: runs });
    },
    { name: "whoami_on_devhub", description: "Tells who the user is on DevHub.", schema: z.object({}) },
  ),
  { broker, provider: "devhub", scopes: ["read:user"], userId: demoUser },
);

/** A plain tool: oauthMiddleware (in graph.ts) gates it by name. */
export const scopes = tool(
  async (_input, config) => {
    const runs = countRun(config);
    const { scopes } = await me();
    return JSON.stringify({ scopes, bodyRuns: runs });
  },
  { name: "devhub_scopes", description: "Lists the DevHub permissions the agent has.", schema: z.object({}) },
);
