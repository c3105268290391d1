import type { ProviderCredentials, ProviderDefinition } from "../types.ts";
import { catalogEntry } from "./entry.ts";

export interface PayPalCredentials extends ProviderCredentials {
  /** Use the sandbox (www.sandbox.paypal.com, api-m.sandbox.paypal.com). Default false. */
  sandbox?: boolean | undefined;
}

/** Log in with PayPal (OpenID Connect); the token endpoint requires HTTP Basic. */
export function paypal(credentials: PayPalCredentials): ProviderDefinition {
  const web = credentials.sandbox ? "https://www.sandbox.paypal.com" : "https://www.paypal.com";
  const api = credentials.sandbox ? "https://api-m.sandbox.paypal.com" : "https://api-m.paypal.com";
  return catalogEntry(credentials, {
    id: "paypal",
    name: "PayPal",
    authorizationUrl: `${web}/signin/authorize`,
    tokenUrl: `${api}/v1/oauth2/token`,
    userinfoUrl: `${api}/v1/identity/openidconnect/userinfo?schema=openid`,
    clientAuth: "client_secret_basic",
    scopes: ["openid", "email"],
    docsUrl: "https://developer.paypal.com/dashboard/applications",
  });
}
