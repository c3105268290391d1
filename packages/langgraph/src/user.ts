/**
 * Who the user is, and which thread asked (docs/architecture.md "Who is the user").
 */
import type { RunnableConfig } from "@langchain/core/runnables";
import { UserUnknownError } from "./errors.ts";

/** A fixed user id, or a function of the run's config. */
export type UserIdOption = string | ((config: RunnableConfig) => string);

function nonEmpty(value: unknown): value is string {
  return typeof value === "string" && value.length > 0;
}

/**
 * `userId` option first; then `configurable.langgraph_auth_user.identity`
 * (LangGraph server custom auth); then `configurable.user_id`.
 */
export function resolveUserId(config: RunnableConfig, option: UserIdOption | undefined): string {
  if (option !== undefined) {
    const value = typeof option === "function" ? option(config) : option;
    if (!nonEmpty(value)) throw new UserUnknownError("The userId option returned no user id.");
    return value;
  }
  const configurable = config.configurable;
  const identity = (configurable?.["langgraph_auth_user"] as { identity?: unknown } | undefined)?.identity;
  if (nonEmpty(identity)) return identity;
  const userId = configurable?.["user_id"];
  if (nonEmpty(userId)) return userId;
  throw new UserUnknownError();
}

export function resolveThreadId(config: RunnableConfig): string | undefined {
  const threadId = config.configurable?.["thread_id"];
  return nonEmpty(threadId) ? threadId : typeof threadId === "number" ? String(threadId) : undefined;
}
