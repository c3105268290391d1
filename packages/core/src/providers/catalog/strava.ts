import { fixedProvider } from "./entry.ts";

/**
 * Strava. Scopes are comma-separated; the granted ones come back on the
 * redirect (`scope=`), not in the token response. /oauth/deauthorize takes
 * the access token itself (not RFC 7009), so no revocationUrl.
 */
export const strava = fixedProvider({
  id: "strava",
  name: "Strava",
  authorizationUrl: "https://www.strava.com/oauth/authorize",
  tokenUrl: "https://www.strava.com/oauth/token",
  userinfoUrl: "https://www.strava.com/api/v3/athlete",
  clientAuth: "client_secret_post",
  scopeSeparator: ",",
  scopes: ["read"],
  quirks: { scopesOmittedInTokenResponse: true },
  docsUrl: "https://www.strava.com/settings/api",
});
