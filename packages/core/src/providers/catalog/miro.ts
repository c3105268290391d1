import { fixedProvider } from "./entry.ts";

/**
 * Miro REST API. Scopes are chosen on the app. Tokens do not expire unless
 * "expire user authorization token" is enabled on the app, which adds
 * refresh tokens.
 */
export const miro = fixedProvider({
  id: "miro",
  name: "Miro",
  authorizationUrl: "https://miro.com/oauth/authorize",
  tokenUrl: "https://api.miro.com/v1/oauth/token",
  userinfoUrl: "https://api.miro.com/v1/oauth-token",
  clientAuth: "client_secret_post",
  scopes: [],
  docsUrl: "https://developers.miro.com/docs/getting-started-with-oauth",
});
