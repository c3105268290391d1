import { fixedProvider } from "./entry.ts";

/**
 * Intuit (QuickBooks Online), an OpenID Connect provider. Its revocation
 * endpoint takes a JSON body, not the RFC 7009 form, so no revocationUrl.
 * Refresh tokens rotate: keep the one in each response.
 */
export const intuit = fixedProvider({
  id: "intuit",
  name: "Intuit QuickBooks",
  issuer: "https://oauth.platform.intuit.com/op/v1",
  authorizationUrl: "https://appcenter.intuit.com/connect/oauth2",
  tokenUrl: "https://oauth.platform.intuit.com/oauth2/v1/tokens/bearer",
  userinfoUrl: "https://accounts.platform.intuit.com/v1/openid_connect/userinfo",
  clientAuth: "client_secret_basic",
  scopes: ["com.intuit.quickbooks.accounting"],
  docsUrl: "https://developer.intuit.com/app/developer/dashboard",
});
