import { fixedProvider } from "./entry.ts";

/**
 * X (Twitter) OAuth 2.0 user context. PKCE is mandatory (always sent), a
 * confidential client authenticates with HTTP Basic, and a refresh token
 * comes only with `offline.access`.
 */
export const x = fixedProvider({
  id: "x",
  name: "X",
  // X developer docs, "OAuth 2.0 Authorization Code Flow with PKCE": x.com and api.x.com (twitter.com still redirects).
  authorizationUrl: "https://x.com/i/oauth2/authorize",
  tokenUrl: "https://api.x.com/2/oauth2/token",
  revocationUrl: "https://api.x.com/2/oauth2/revoke",
  userinfoUrl: "https://api.x.com/2/users/me",
  clientAuth: "client_secret_basic",
  scopes: ["tweet.read", "users.read", "offline.access"],
  docsUrl: "https://developer.x.com/en/portal/dashboard",
});
