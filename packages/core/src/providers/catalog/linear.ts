import { fixedProvider } from "./entry.ts";

/**
 * Linear. Scopes are comma-separated; `read` is always granted. Refresh
 * tokens are on for every app since April 2026. Linear's /oauth/revoke is
 * documented with the token as a Bearer header, not RFC 7009 client
 * authentication, so no revocationUrl.
 */
export const linear = fixedProvider({
  id: "linear",
  name: "Linear",
  authorizationUrl: "https://linear.app/oauth/authorize",
  tokenUrl: "https://api.linear.app/oauth/token",
  clientAuth: "client_secret_post",
  scopeSeparator: ",",
  scopes: ["read"],
  docsUrl: "https://linear.app/settings/api/applications/new",
});
