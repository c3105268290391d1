import type { ProviderCredentials, ProviderDefinition } from "../types.ts";
import { catalogEntry, hostOption } from "./entry.ts";

export interface SalesforceCredentials extends ProviderCredentials {
  /**
   * "login.salesforce.com" (production, the default), "test.salesforce.com"
   * (sandboxes) or your My Domain, e.g. "acme.my.salesforce.com".
   */
  domain?: string | undefined;
}

/**
 * Salesforce connected app / external client app. A refresh token needs the
 * `refresh_token` scope; the token response has no `expires_in`.
 */
export function salesforce(credentials: SalesforceCredentials): ProviderDefinition {
  const domain = hostOption(credentials.domain ?? "login.salesforce.com", "domain", "Salesforce");
  const base = `https://${domain}/services/oauth2`;
  return catalogEntry(credentials, {
    id: "salesforce",
    name: "Salesforce",
    // Salesforce Help, "OpenID Connect discovery endpoint": each login domain is its own issuer.
    issuer: `https://${domain}`,
    authorizationUrl: `${base}/authorize`,
    tokenUrl: `${base}/token`,
    revocationUrl: `${base}/revoke`,
    userinfoUrl: `${base}/userinfo`,
    clientAuth: "client_secret_post",
    scopes: ["api", "refresh_token"],
  });
}
