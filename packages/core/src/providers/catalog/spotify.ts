import { fixedProvider } from "./entry.ts";

/** Spotify Web API. It has no token revocation endpoint. */
export const spotify = fixedProvider({
  id: "spotify",
  name: "Spotify",
  authorizationUrl: "https://accounts.spotify.com/authorize",
  tokenUrl: "https://accounts.spotify.com/api/token",
  userinfoUrl: "https://api.spotify.com/v1/me",
  clientAuth: "client_secret_basic",
  scopes: ["user-read-email"],
  docsUrl: "https://developer.spotify.com/dashboard",
});
