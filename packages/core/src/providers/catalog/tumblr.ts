import { fixedProvider } from "./entry.ts";

/** Tumblr API v2 OAuth 2.0. A refresh token comes only with `offline_access`. */
export const tumblr = fixedProvider({
  id: "tumblr",
  name: "Tumblr",
  authorizationUrl: "https://www.tumblr.com/oauth2/authorize",
  tokenUrl: "https://api.tumblr.com/v2/oauth2/token",
  userinfoUrl: "https://api.tumblr.com/v2/user/info",
  // Tumblr API docs, "OAuth 2.0 → Exchange the code": client_id and client_secret are form fields.
  clientAuth: "client_secret_post",
  scopes: ["basic", "offline_access"],
  docsUrl: "https://www.tumblr.com/oauth/apps",
});
