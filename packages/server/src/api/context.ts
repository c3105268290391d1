import type { LocalBroker } from "@langgraph-oauth/core";
import type { CallbackHook } from "../callback-hook.ts";

/** What the HTTP layer needs from a broker; `createLocalBroker` returns all of it. */
export type AppBroker = Pick<
  LocalBroker,
  "authenticate" | "waitForCompletion" | "revoke" | "getAuth" | "handleCallback" | "providerName" | "providers" | "redirectUriFor" | "tokenInfo"
>;

export interface ApiContext {
  broker: AppBroker;
  onCallback?: CallbackHook | undefined;
  /** Upper bound for `GET /wait?timeout=`; larger values are clamped. */
  maxWaitSeconds: number;
  /** Aborting it answers every open long-poll at once (graceful shutdown). */
  signal?: AbortSignal | undefined;
}
