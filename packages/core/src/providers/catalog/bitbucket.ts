import { fixedProvider } from "./entry.ts";

/**
 * Bitbucket Cloud OAuth consumer. Permissions are set on the consumer, not
 * requested per authorization, and the token response lists them as
 * `scopes` (plural), which RFC 6749 clients do not read.
 */
export const bitbucket = fixedProvider({
  id: "bitbucket",
  name: "Bitbucket",
  authorizationUrl: "https://bitbucket.org/site/oauth2/authorize",
  tokenUrl: "https://bitbucket.org/site/oauth2/access_token",
  userinfoUrl: "https://api.bitbucket.org/2.0/user",
  clientAuth: "client_secret_basic",
  scopes: [],
  quirks: { scopesOmittedInTokenResponse: true },
});
