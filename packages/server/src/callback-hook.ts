import type { CallbackResult } from "@langgraph-oauth/core";
import { reportUnexpected } from "./error-status.ts";

export type CallbackHook = (result: CallbackResult) => Promise<void> | void;

/**
 * Runs the host's hook (e.g. auto-resume) after a callback completed. Its
 * failure must not turn a stored token into an error page or a 500: the
 * consent itself succeeded, and the client can still resume on its own.
 */
export async function runCallbackHook(hook: CallbackHook | undefined, result: CallbackResult): Promise<void> {
  if (!hook) return;
  try {
    await hook(result);
  } catch (error) {
    reportUnexpected(error, "onCallback");
  }
}
