import { fixedProvider } from "./entry.ts";

/**
 * Bungie.net (Destiny). Permissions are set on the application, so there are
 * no scopes; only confidential clients get refresh tokens.
 */
export const bungie = fixedProvider({
  id: "bungie",
  name: "Bungie",
  authorizationUrl: "https://www.bungie.net/en/OAuth/Authorize",
  tokenUrl: "https://www.bungie.net/platform/app/oauth/token/",
  // Bungie.net API docs, "OAuth documentation": confidential clients authenticate with HTTP Basic.
  clientAuth: "client_secret_basic",
  scopes: [],
  docsUrl: "https://www.bungie.net/en/Application",
});
