import type { ProviderCredentials, ProviderDefinition } from "../types.ts";
import { baseUrlOption, catalogEntry } from "./entry.ts";

export interface MastodonCredentials extends ProviderCredentials {
  /** The server your app is registered on (`POST /api/v1/apps`), e.g. "https://mastodon.social". */
  baseUrl: string;
}

/**
 * Mastodon (any server). An app is registered per server, so the client id
 * only works on that server. Tokens do not expire and come without a
 * refresh token.
 */
export function mastodon(credentials: MastodonCredentials): ProviderDefinition {
  const base = baseUrlOption(credentials.baseUrl, "baseUrl", "Mastodon");
  return catalogEntry(credentials, {
    id: "mastodon",
    name: "Mastodon",
    authorizationUrl: `${base}/oauth/authorize`,
    tokenUrl: `${base}/oauth/token`,
    revocationUrl: `${base}/oauth/revoke`,
    userinfoUrl: `${base}/api/v1/accounts/verify_credentials`,
    clientAuth: "client_secret_post",
    scopes: ["read"],
    docsUrl: `${base}/settings/applications`,
  });
}
