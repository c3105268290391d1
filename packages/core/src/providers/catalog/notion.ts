import { fixedProvider } from "./entry.ts";

/**
 * Notion public integration. The token endpoint takes HTTP Basic only, and
 * `owner=user` is required on the authorization URL. Access is chosen page
 * by page on the consent screen, so there are no scopes.
 */
export const notion = fixedProvider({
  id: "notion",
  name: "Notion",
  authorizationUrl: "https://api.notion.com/v1/oauth/authorize",
  tokenUrl: "https://api.notion.com/v1/oauth/token",
  clientAuth: "client_secret_basic",
  scopes: [],
  authorizationParams: { owner: "user" },
  quirks: { scopesOmittedInTokenResponse: true },
  docsUrl: "https://www.notion.so/profile/integrations",
});
