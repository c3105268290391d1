/**
 * `@langgraph-oauth/server/langgraph`: what ties the callback server to
 * LangGraph. A separate entry, so the plain callback server and the CLI do
 * not load `@langchain/langgraph` or its SDK.
 */
export {
  autoResume,
  type AutoResumeHook,
  type AutoResumeOptions,
  type AutoResumeOutcome,
  type AutoResumeSkipReason,
  type GraphAutoResumeOptions,
  type ServerAutoResumeOptions,
} from "./resume/auto-resume.ts";
export { AutoResumeError, type AutoResumeErrorCode } from "./resume/errors.ts";
export { AUTO_RESUME_METADATA_KEY, type LangGraphClient } from "./resume/server-target.ts";
export type { ResumableGraph } from "./resume/graph-target.ts";
export { oauthResumeMap, waitingInterrupts, type OAuthResumeMap, type PendingInterrupt, type PendingTask } from "./resume/resume-map.ts";
export { allowOAuthCallback, isOAuthCallbackRequest, OAUTH_CALLBACK_IDENTITY, type OAuthCallbackIdentity, type OAuthCallbackMatchOptions } from "./custom-auth.ts";
