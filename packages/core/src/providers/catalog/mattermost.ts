import type { ProviderCredentials, ProviderDefinition } from "../types.ts";
import { baseUrlOption, catalogEntry } from "./entry.ts";

export interface MattermostCredentials extends ProviderCredentials {
  /** Your Mattermost server, e.g. "https://chat.example.com". */
  baseUrl: string;
}

/** Mattermost OAuth 2.0 service provider (enable it in the System Console). There are no scopes. */
export function mattermost(credentials: MattermostCredentials): ProviderDefinition {
  const base = baseUrlOption(credentials.baseUrl, "baseUrl", "Mattermost");
  return catalogEntry(credentials, {
    id: "mattermost",
    name: "Mattermost",
    authorizationUrl: `${base}/oauth/authorize`,
    tokenUrl: `${base}/oauth/access_token`,
    userinfoUrl: `${base}/api/v4/users/me`,
    clientAuth: "client_secret_post",
    scopes: [],
  });
}
