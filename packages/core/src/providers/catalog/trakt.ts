import { fixedProvider } from "./entry.ts";

/** Trakt. There are no scopes. */
export const trakt = fixedProvider({
  id: "trakt",
  name: "Trakt",
  authorizationUrl: "https://trakt.tv/oauth/authorize",
  tokenUrl: "https://api.trakt.tv/oauth/token",
  userinfoUrl: "https://api.trakt.tv/users/me",
  clientAuth: "client_secret_post",
  scopes: [],
  docsUrl: "https://trakt.tv/oauth/applications",
});
