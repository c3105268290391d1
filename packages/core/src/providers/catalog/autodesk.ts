import { fixedProvider } from "./entry.ts";

/** Autodesk Platform Services (APS) three-legged OAuth v2, an OpenID Connect provider. */
export const autodesk = fixedProvider({
  id: "autodesk",
  name: "Autodesk",
  issuer: "https://developer.api.autodesk.com",
  authorizationUrl: "https://developer.api.autodesk.com/authentication/v2/authorize",
  tokenUrl: "https://developer.api.autodesk.com/authentication/v2/token",
  revocationUrl: "https://developer.api.autodesk.com/authentication/v2/revoke",
  userinfoUrl: "https://api.userprofile.autodesk.com/userinfo",
  clientAuth: "client_secret_basic",
  scopes: ["user-profile:read"],
  docsUrl: "https://aps.autodesk.com/myapps",
});
