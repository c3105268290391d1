import type { ProviderCredentials, ProviderDefinition } from "../types.ts";
import { baseUrlOption, catalogEntry } from "./entry.ts";

export interface GitLabCredentials extends ProviderCredentials {
  /** Your self-managed GitLab, e.g. "https://gitlab.example.com". Default "https://gitlab.com". */
  baseUrl?: string | undefined;
}

/** GitLab (gitlab.com or self-managed); an OpenID Connect provider whose issuer is the instance URL. */
export function gitlab(credentials: GitLabCredentials): ProviderDefinition {
  const base = baseUrlOption(credentials.baseUrl ?? "https://gitlab.com", "baseUrl", "GitLab");
  return catalogEntry(credentials, {
    id: "gitlab",
    name: "GitLab",
    issuer: base,
    authorizationUrl: `${base}/oauth/authorize`,
    tokenUrl: `${base}/oauth/token`,
    revocationUrl: `${base}/oauth/revoke`,
    userinfoUrl: `${base}/oauth/userinfo`,
    clientAuth: "client_secret_post",
    scopes: ["read_user"],
    docsUrl: `${base}/-/user_settings/applications`,
  });
}
