import type { AuthResult } from "@langgraph-oauth/core";
import { OAUTH_INTERRUPT_TYPE, OAUTH_INTERRUPT_VERSION, type OAuthInterrupt } from "./interrupt.ts";

type Pending = Extract<AuthResult, { status: "pending" }>;

export interface ToolCallRef {
  id: string;
  name: string;
}

function sentence(reason: Pending["reason"], providerName: string, toolName: string | undefined): string {
  const subject = toolName ? `"${toolName}"` : "this tool";
  switch (reason) {
    case "insufficient_scope":
      return `${subject} needs more ${providerName} permissions: open the url to approve them, then resume.`;
    case "token_expired":
      return `Your ${providerName} sign-in expired: open the url to sign in again so ${subject} can continue, then resume.`;
    case "revoked":
      return `Access to ${providerName} was revoked: open the url to reconnect so ${subject} can continue, then resume.`;
    default:
      return `Connect your ${providerName} account so ${subject} can continue: open the url to sign in, then resume.`;
  }
}

/**
 * Builds the v1 payload from what the broker returned. Only non-secret
 * fields are copied, one by one: never spread a broker result here.
 */
export function buildOAuthInterrupt(
  pending: Pending,
  provider: string,
  providerName: string,
  toolCall: ToolCallRef | undefined,
): OAuthInterrupt {
  const value: OAuthInterrupt = {
    type: OAUTH_INTERRUPT_TYPE,
    version: OAUTH_INTERRUPT_VERSION,
    provider,
    providerName,
    scopes: [...pending.scopes],
    url: pending.url,
    authId: pending.authId,
    expiresAt: pending.expiresAt,
    reason: pending.reason,
    message: sentence(pending.reason, providerName, toolCall?.name),
    auth_required: true,
    auth_url: pending.url,
    auth_id: pending.authId,
  };
  if (toolCall) value.toolCall = { id: toolCall.id, name: toolCall.name };
  return value;
}
