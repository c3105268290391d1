import { fixedProvider } from "./entry.ts";

/** Roblox OAuth 2.0, an OpenID Connect provider (its issuer keeps the trailing slash). */
export const roblox = fixedProvider({
  id: "roblox",
  name: "Roblox",
  issuer: "https://apis.roblox.com/oauth/",
  authorizationUrl: "https://apis.roblox.com/oauth/v1/authorize",
  tokenUrl: "https://apis.roblox.com/oauth/v1/token",
  revocationUrl: "https://apis.roblox.com/oauth/v1/token/revoke",
  userinfoUrl: "https://apis.roblox.com/oauth/v1/userinfo",
  clientAuth: "client_secret_basic",
  scopes: ["openid", "profile"],
  docsUrl: "https://create.roblox.com/dashboard/credentials",
});
