import type { ProviderCredentials, ProviderDefinition } from "../types.ts";
import { baseUrlOption, catalogEntry } from "./entry.ts";

export interface GiteaCredentials extends ProviderCredentials {
  /** Your Gitea or Forgejo server, e.g. "https://codeberg.org". Default "https://gitea.com". */
  baseUrl?: string | undefined;
}

/** Gitea and Forgejo (gitea.com, Codeberg, self-hosted). Scopes need Gitea 1.19 or later. */
export function gitea(credentials: GiteaCredentials): ProviderDefinition {
  const base = baseUrlOption(credentials.baseUrl ?? "https://gitea.com", "baseUrl", "Gitea");
  return catalogEntry(credentials, {
    id: "gitea",
    name: "Gitea",
    authorizationUrl: `${base}/login/oauth/authorize`,
    tokenUrl: `${base}/login/oauth/access_token`,
    userinfoUrl: `${base}/login/oauth/userinfo`,
    clientAuth: "client_secret_post",
    scopes: ["read:user"],
    docsUrl: `${base}/user/settings/applications`,
  });
}
