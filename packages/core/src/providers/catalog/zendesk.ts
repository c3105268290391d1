import type { ProviderCredentials, ProviderDefinition } from "../types.ts";
import { catalogEntry, segmentOption } from "./entry.ts";

export interface ZendeskCredentials extends ProviderCredentials {
  /** The account's subdomain: "acme" for acme.zendesk.com. */
  subdomain: string;
}

/**
 * Zendesk Support. Token revocation is `DELETE /api/v2/oauth/tokens/{id}`,
 * not RFC 7009, so no revocationUrl.
 */
export function zendesk(credentials: ZendeskCredentials): ProviderDefinition {
  const origin = `https://${segmentOption(credentials.subdomain, "subdomain", "Zendesk").toLowerCase()}.zendesk.com`;
  return catalogEntry(credentials, {
    id: "zendesk",
    name: "Zendesk",
    authorizationUrl: `${origin}/oauth/authorizations/new`,
    tokenUrl: `${origin}/oauth/tokens`,
    userinfoUrl: `${origin}/api/v2/users/me`,
    clientAuth: "client_secret_post",
    scopes: ["read"],
    docsUrl: `${origin}/admin/apps-integrations/apis/zendesk-api/oauth_clients`,
  });
}
