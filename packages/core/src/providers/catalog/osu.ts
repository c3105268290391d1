import { fixedProvider } from "./entry.ts";

/** osu! API v2. */
export const osu = fixedProvider({
  id: "osu",
  name: "osu!",
  authorizationUrl: "https://osu.ppy.sh/oauth/authorize",
  tokenUrl: "https://osu.ppy.sh/oauth/token",
  userinfoUrl: "https://osu.ppy.sh/api/v2/me",
  clientAuth: "client_secret_post",
  scopes: ["identify"],
  docsUrl: "https://osu.ppy.sh/home/account/edit#oauth",
});
