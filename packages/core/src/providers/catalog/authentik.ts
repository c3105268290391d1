import type { ProviderCredentials, ProviderDefinition } from "../types.ts";
import { baseUrlOption, catalogEntry, segmentOption } from "./entry.ts";

export interface AuthentikCredentials extends ProviderCredentials {
  /** Your authentik server, e.g. "https://auth.example.com". */
  baseUrl: string;
  /** The application slug; with it the entry knows its OpenID Connect issuer. */
  application?: string | undefined;
}

/** authentik (self-hosted). Its OAuth2 endpoints are shared by all applications; the issuer is per application. */
export function authentik(credentials: AuthentikCredentials): ProviderDefinition {
  const base = baseUrlOption(credentials.baseUrl, "baseUrl", "authentik");
  const slug = credentials.application === undefined ? undefined : segmentOption(credentials.application, "application", "authentik");
  return catalogEntry(credentials, {
    id: "authentik",
    name: "authentik",
    ...(slug ? { issuer: `${base}/application/o/${slug}/` } : {}),
    authorizationUrl: `${base}/application/o/authorize/`,
    tokenUrl: `${base}/application/o/token/`,
    revocationUrl: `${base}/application/o/revoke/`,
    userinfoUrl: `${base}/application/o/userinfo/`,
    clientAuth: "client_secret_basic",
    scopes: ["openid", "profile", "email", "offline_access"],
    docsUrl: `${base}/if/admin/#/core/providers`,
  });
}
