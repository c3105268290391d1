import { fixedProvider } from "./entry.ts";

/**
 * Atlassian Cloud (Jira, Confluence) OAuth 2.0 (3LO). `audience` and
 * `prompt=consent` are mandatory on the authorization URL, and a refresh
 * token comes only with `offline_access`.
 */
export const atlassian = fixedProvider({
  id: "atlassian",
  name: "Atlassian",
  authorizationUrl: "https://auth.atlassian.com/authorize",
  tokenUrl: "https://auth.atlassian.com/oauth/token",
  userinfoUrl: "https://api.atlassian.com/me",
  clientAuth: "client_secret_post",
  scopes: ["read:me", "offline_access"],
  authorizationParams: { audience: "api.atlassian.com", prompt: "consent" },
  docsUrl: "https://developer.atlassian.com/console/myapps/",
});
