import { fixedProvider } from "./entry.ts";

/** Pinterest API v5. */
export const pinterest = fixedProvider({
  id: "pinterest",
  name: "Pinterest",
  authorizationUrl: "https://www.pinterest.com/oauth/",
  tokenUrl: "https://api.pinterest.com/v5/oauth/token",
  userinfoUrl: "https://api.pinterest.com/v5/user_account",
  // Pinterest API v5, "Generate OAuth access token": HTTP Basic with the app id and secret.
  clientAuth: "client_secret_basic",
  // Pinterest docs, "Set up authentication": scopes are a comma-separated list.
  scopeSeparator: ",",
  scopes: ["user_accounts:read"],
  docsUrl: "https://developers.pinterest.com/apps/",
});
