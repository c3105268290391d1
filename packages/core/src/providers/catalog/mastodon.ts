import { selfHostedProvider } from "./entry.ts";

/**
 * Mastodon (any server). An app is registered per server (`POST /api/v1/apps`),
 * so the client id only works there. Tokens do not expire and come without
 * a refresh token.
 */
export const mastodon = selfHostedProvider("Mastodon", (base) => ({
  id: "mastodon",
  name: "Mastodon",
  authorizationUrl: `${base}/oauth/authorize`,
  tokenUrl: `${base}/oauth/token`,
  revocationUrl: `${base}/oauth/revoke`,
  userinfoUrl: `${base}/api/v1/accounts/verify_credentials`,
  clientAuth: "client_secret_post",
  scopes: ["read"],
  docsUrl: `${base}/settings/applications`,
}));
