import { fixedProvider } from "./entry.ts";

export const yahoo = fixedProvider({
  id: "yahoo",
  name: "Yahoo",
  issuer: "https://api.login.yahoo.com",
  authorizationUrl: "https://api.login.yahoo.com/oauth2/request_auth",
  tokenUrl: "https://api.login.yahoo.com/oauth2/get_token",
  userinfoUrl: "https://api.login.yahoo.com/openid/v1/userinfo",
  // Yahoo OAuth 2.0 guide, "Exchange authorization code": Authorization: Basic base64(client_id:client_secret).
  clientAuth: "client_secret_basic",
  scopes: ["openid"],
  docsUrl: "https://developer.yahoo.com/apps/",
});
