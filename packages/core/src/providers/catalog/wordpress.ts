import { fixedProvider } from "./entry.ts";

/** WordPress.com (and Jetpack sites). Tokens do not expire (no refresh token). */
export const wordpress = fixedProvider({
  id: "wordpress",
  name: "WordPress.com",
  authorizationUrl: "https://public-api.wordpress.com/oauth2/authorize",
  tokenUrl: "https://public-api.wordpress.com/oauth2/token",
  userinfoUrl: "https://public-api.wordpress.com/rest/v1/me",
  clientAuth: "client_secret_post",
  scopes: ["auth"],
  docsUrl: "https://developer.wordpress.com/apps/",
});
