import { fixedProvider } from "./entry.ts";

/**
 * Reddit. A refresh token comes only with `duration=permanent`. The API
 * itself is at oauth.reddit.com and wants a descriptive User-Agent.
 */
export const reddit = fixedProvider({
  id: "reddit",
  name: "Reddit",
  authorizationUrl: "https://www.reddit.com/api/v1/authorize",
  tokenUrl: "https://www.reddit.com/api/v1/access_token",
  revocationUrl: "https://www.reddit.com/api/v1/revoke_token",
  userinfoUrl: "https://oauth.reddit.com/api/v1/me",
  clientAuth: "client_secret_basic",
  // Reddit's OAuth2 wiki, "Authorization": scope is "a comma-separated list" (noted there as a deviation).
  scopeSeparator: ",",
  scopes: ["identity"],
  authorizationParams: { duration: "permanent" },
  docsUrl: "https://www.reddit.com/prefs/apps",
});
