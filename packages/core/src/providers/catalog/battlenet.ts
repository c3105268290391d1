import { fixedProvider } from "./entry.ts";

/** Battle.net (Blizzard), an OpenID Connect provider; tokens last a day and come without a refresh token. */
export const battlenet = fixedProvider({
  id: "battlenet",
  name: "Battle.net",
  issuer: "https://oauth.battle.net",
  authorizationUrl: "https://oauth.battle.net/authorize",
  tokenUrl: "https://oauth.battle.net/token",
  userinfoUrl: "https://oauth.battle.net/userinfo",
  clientAuth: "client_secret_post",
  scopes: ["openid"],
  docsUrl: "https://develop.battle.net/access/clients",
});
