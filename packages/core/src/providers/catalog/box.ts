import { fixedProvider } from "./entry.ts";

/** Box custom app with OAuth 2.0 (user authentication). Scopes are chosen on the app. */
export const box = fixedProvider({
  id: "box",
  name: "Box",
  authorizationUrl: "https://account.box.com/api/oauth2/authorize",
  tokenUrl: "https://api.box.com/oauth2/token",
  revocationUrl: "https://api.box.com/oauth2/revoke",
  userinfoUrl: "https://api.box.com/2.0/users/me",
  // Box developer docs, "Token" and "Revoke": client_id/client_secret are form fields, not Basic.
  clientAuth: "client_secret_post",
  scopes: [],
  // Box's token response has `restricted_to` but no `scope`.
  quirks: { scopesOmittedInTokenResponse: true },
  docsUrl: "https://app.box.com/developers/console",
});
