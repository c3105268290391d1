import { fixedProvider } from "./entry.ts";

export const asana = fixedProvider({
  id: "asana",
  name: "Asana",
  issuer: "https://app.asana.com",
  authorizationUrl: "https://app.asana.com/-/oauth_authorize",
  tokenUrl: "https://app.asana.com/-/oauth_token",
  // Asana developer docs, "OAuth → Token deauthorization endpoint".
  revocationUrl: "https://app.asana.com/-/oauth_revoke",
  userinfoUrl: "https://app.asana.com/api/1.0/openid_connect/userinfo",
  clientAuth: "client_secret_post",
  // Without `scope` Asana grants the app's configured permissions ("default").
  scopes: [],
  docsUrl: "https://app.asana.com/0/my-apps",
});
