import type { ProviderCredentials, ProviderDefinition } from "../types.ts";
import { catalogEntry } from "./entry.ts";

export interface SlackCredentials extends ProviderCredentials {
  /**
   * Bot scopes requested in the same consent (`scope`). The stored token is
   * still the user's; the bot token is not kept.
   */
  botScopes?: readonly string[] | undefined;
}

/**
 * Slack OAuth v2, acting as the user: user scopes go in `user_scope`, and the
 * user token comes back under `authed_user` with `token_type: "user"`. Like
 * every Slack Web API method, oauth.v2.access answers errors with HTTP 200
 * and `ok: false`. auth.revoke is authorized by the token itself (not RFC
 * 7009), so no revocationUrl. Enable token rotation on the app to get
 * refresh tokens.
 */
export function slack(credentials: SlackCredentials): ProviderDefinition {
  const botScopes = credentials.botScopes ?? [];
  return catalogEntry(credentials, {
    id: "slack",
    name: "Slack",
    authorizationUrl: "https://slack.com/oauth/v2/authorize",
    tokenUrl: "https://slack.com/api/oauth.v2.access",
    // Slack docs, "Installing with OAuth": HTTP Basic is the recommended way to send client credentials.
    clientAuth: "client_secret_basic",
    scopeSeparator: ",",
    scopes: [],
    ...(botScopes.length > 0 ? { authorizationParams: { scope: botScopes.join(",") } } : {}),
    quirks: {
      scopeParam: "user_scope",
      tokenResponseMember: "authed_user",
      tokenErrorsWithStatus200: true,
      nonStandardTokenType: true,
    },
    docsUrl: "https://api.slack.com/apps",
  });
}
