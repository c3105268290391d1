import type { ProviderCredentials, ProviderDefinition } from "../types.ts";
import { catalogEntry, hostOption } from "./entry.ts";

export interface ZohoCredentials extends ProviderCredentials {
  /** The accounts server of your data centre, e.g. "accounts.zoho.eu". Default "accounts.zoho.com". */
  accountsServer?: string | undefined;
}

/**
 * Zoho. Scopes are comma-separated; without `access_type=offline` there is
 * no refresh token, and Zoho sends one only on the first consent unless
 * `prompt=consent`.
 */
export function zoho(credentials: ZohoCredentials): ProviderDefinition {
  const origin = `https://${hostOption(credentials.accountsServer ?? "accounts.zoho.com", "accountsServer", "Zoho")}`;
  return catalogEntry(credentials, {
    id: "zoho",
    name: "Zoho",
    authorizationUrl: `${origin}/oauth/v2/auth`,
    tokenUrl: `${origin}/oauth/v2/token`,
    userinfoUrl: `${origin}/oauth/user/info`,
    clientAuth: "client_secret_post",
    scopeSeparator: ",",
    scopes: ["AaaServer.profile.Read"],
    authorizationParams: { access_type: "offline", prompt: "consent" },
    docsUrl: "https://api-console.zoho.com/",
  });
}
