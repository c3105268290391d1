import { fixedProvider } from "./entry.ts";

/** Dribbble API v2. Its tokens do not expire and come without a refresh token. */
export const dribbble = fixedProvider({
  id: "dribbble",
  name: "Dribbble",
  authorizationUrl: "https://dribbble.com/oauth/authorize",
  tokenUrl: "https://dribbble.com/oauth/token",
  userinfoUrl: "https://api.dribbble.com/v2/user",
  clientAuth: "client_secret_post",
  scopes: ["public"],
  docsUrl: "https://dribbble.com/account/applications",
});
