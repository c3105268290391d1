import { fixedProvider } from "./entry.ts";

/** LinkedIn (Sign In with LinkedIn using OpenID Connect, plus product scopes). */
export const linkedin = fixedProvider({
  id: "linkedin",
  name: "LinkedIn",
  // LinkedIn docs, "Sign In with LinkedIn using OpenID Connect": the discovery document's issuer.
  issuer: "https://www.linkedin.com/oauth",
  authorizationUrl: "https://www.linkedin.com/oauth/v2/authorization",
  tokenUrl: "https://www.linkedin.com/oauth/v2/accessToken",
  revocationUrl: "https://www.linkedin.com/oauth/v2/revoke",
  userinfoUrl: "https://api.linkedin.com/v2/userinfo",
  clientAuth: "client_secret_post",
  scopes: ["openid", "profile", "email"],
  // Token responses without `openid` have no `token_type`.
  quirks: { nonStandardTokenType: true },
  docsUrl: "https://www.linkedin.com/developers/apps",
});
