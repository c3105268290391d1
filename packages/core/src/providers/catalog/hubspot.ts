import { fixedProvider } from "./entry.ts";

/**
 * HubSpot. Its refresh-token revocation is `DELETE /oauth/v1/refresh-tokens/{token}`,
 * not RFC 7009, so no revocationUrl.
 */
export const hubspot = fixedProvider({
  id: "hubspot",
  name: "HubSpot",
  authorizationUrl: "https://app.hubspot.com/oauth/authorize",
  // HubSpot developer docs, "OAuth v3 API": /oauth/v3/token replaces /oauth/v1/token.
  tokenUrl: "https://api.hubapi.com/oauth/v3/token",
  clientAuth: "client_secret_post",
  scopes: ["oauth"],
  // The token response has no `scope` member.
  quirks: { scopesOmittedInTokenResponse: true },
  docsUrl: "https://developers.hubspot.com/",
});
