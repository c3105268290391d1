import { selfHostedProvider } from "./entry.ts";

/** Mattermost as an OAuth 2.0 service provider (enable it in the System Console). There are no scopes. */
export const mattermost = selfHostedProvider("Mattermost", (base) => ({
  id: "mattermost",
  name: "Mattermost",
  authorizationUrl: `${base}/oauth/authorize`,
  tokenUrl: `${base}/oauth/access_token`,
  userinfoUrl: `${base}/api/v4/users/me`,
  clientAuth: "client_secret_post",
  scopes: [],
}));
