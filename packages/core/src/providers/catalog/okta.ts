import type { ProviderCredentials, ProviderDefinition } from "../types.ts";
import { catalogEntry, hostOption, segmentOption } from "./entry.ts";

export interface OktaCredentials extends ProviderCredentials {
  /** Your Okta org host, e.g. "acme.okta.com" or a custom domain. */
  domain: string;
  /**
   * A custom authorization server id ("default" for the one every org has).
   * Without it the org authorization server is used, whose tokens are for
   * Okta's own APIs.
   */
  authorizationServerId?: string | undefined;
}

export function okta(credentials: OktaCredentials): ProviderDefinition {
  const domain = hostOption(credentials.domain, "domain", "Okta");
  const server = credentials.authorizationServerId;
  const issuer = server === undefined ? `https://${domain}` : `https://${domain}/oauth2/${segmentOption(server, "authorizationServerId", "Okta")}`;
  // Okta docs, "Authorization servers": the org server's endpoints are under /oauth2/v1, a custom one's under /oauth2/{id}/v1.
  const base = server === undefined ? `${issuer}/oauth2/v1` : `${issuer}/v1`;
  return catalogEntry(credentials, {
    id: "okta",
    name: "Okta",
    issuer,
    authorizationUrl: `${base}/authorize`,
    tokenUrl: `${base}/token`,
    revocationUrl: `${base}/revoke`,
    userinfoUrl: `${base}/userinfo`,
    clientAuth: "client_secret_basic",
    scopes: ["openid", "profile", "email", "offline_access"],
  });
}
