import { fixedProvider } from "./entry.ts";

/** LINE Login v2.1, an OpenID Connect provider. */
export const line = fixedProvider({
  id: "line",
  name: "LINE",
  issuer: "https://access.line.me",
  authorizationUrl: "https://access.line.me/oauth2/v2.1/authorize",
  tokenUrl: "https://api.line.me/oauth2/v2.1/token",
  revocationUrl: "https://api.line.me/oauth2/v2.1/revoke",
  userinfoUrl: "https://api.line.me/oauth2/v2.1/userinfo",
  clientAuth: "client_secret_post",
  scopes: ["openid", "profile"],
  docsUrl: "https://developers.line.biz/console/",
});
