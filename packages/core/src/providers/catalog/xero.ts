import { fixedProvider } from "./entry.ts";

/** Xero (accounting); a refresh token comes only with `offline_access`. */
export const xero = fixedProvider({
  id: "xero",
  name: "Xero",
  issuer: "https://identity.xero.com",
  authorizationUrl: "https://login.xero.com/identity/connect/authorize",
  tokenUrl: "https://identity.xero.com/connect/token",
  revocationUrl: "https://identity.xero.com/connect/revocation",
  userinfoUrl: "https://identity.xero.com/connect/userinfo",
  clientAuth: "client_secret_basic",
  scopes: ["openid", "profile", "email", "offline_access"],
  docsUrl: "https://developer.xero.com/app/manage",
});
