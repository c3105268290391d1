/**
 * The person's browser, without a browser: consents at a dev-provider that
 * runs inside another process (here: the `langgraphjs dev` server) over
 * plain HTTP, exactly as DevProvider.consent() does in process.
 */
import { driveConsent } from "@langgraph-oauth/dev-provider";

/** Logs in as `user` and answers the consent page; returns the provider's redirect to our callback, not yet followed. */
export function consentAt(authorizationUrl: string, user: string, decision: "approve" | "deny" = "approve"): Promise<string> {
  return driveConsent(new URL(authorizationUrl).origin, authorizationUrl, { user, decision });
}
