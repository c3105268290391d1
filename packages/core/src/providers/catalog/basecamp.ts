import { fixedProvider } from "./entry.ts";

/**
 * Basecamp (37signals Launchpad). Launchpad now takes the standard
 * `response_type`/`grant_type`; the legacy `type=web_server` is not needed.
 * It has no scopes: a token reaches every account the person can see.
 */
export const basecamp = fixedProvider({
  id: "basecamp",
  name: "Basecamp",
  authorizationUrl: "https://launchpad.37signals.com/authorization/new",
  tokenUrl: "https://launchpad.37signals.com/authorization/token",
  userinfoUrl: "https://launchpad.37signals.com/authorization.json",
  clientAuth: "client_secret_post",
  scopes: [],
  // Older Launchpad token responses had no `token_type`; the quirk is a no-op when it is present.
  quirks: { nonStandardTokenType: true, scopesOmittedInTokenResponse: true },
  docsUrl: "https://launchpad.37signals.com/integrations",
});
