import type { ProviderCredentials, ProviderDefinition } from "../types.ts";
import { baseUrlOption, catalogEntry } from "./entry.ts";

export interface NextcloudCredentials extends ProviderCredentials {
  /** Your Nextcloud server, e.g. "https://cloud.example.com". */
  baseUrl: string;
}

/** Nextcloud's built-in OAuth 2.0 app. A token grants the user's full access, so there are no scopes. */
export function nextcloud(credentials: NextcloudCredentials): ProviderDefinition {
  const base = baseUrlOption(credentials.baseUrl, "baseUrl", "Nextcloud");
  return catalogEntry(credentials, {
    id: "nextcloud",
    name: "Nextcloud",
    authorizationUrl: `${base}/apps/oauth2/authorize`,
    tokenUrl: `${base}/apps/oauth2/api/v1/token`,
    clientAuth: "client_secret_post",
    scopes: [],
    docsUrl: `${base}/settings/admin/security`,
  });
}
