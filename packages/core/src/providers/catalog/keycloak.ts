import type { ProviderCredentials, ProviderDefinition } from "../types.ts";
import { baseUrlOption, catalogEntry, segmentOption } from "./entry.ts";

export interface KeycloakCredentials extends ProviderCredentials {
  /** Server URL, e.g. "https://sso.example.com" (add "/auth" for Keycloak before 17). */
  baseUrl: string;
  realm: string;
}

export function keycloak(credentials: KeycloakCredentials): ProviderDefinition {
  const base = baseUrlOption(credentials.baseUrl, "baseUrl", "Keycloak");
  const issuer = `${base}/realms/${segmentOption(credentials.realm, "realm", "Keycloak")}`;
  const endpoints = `${issuer}/protocol/openid-connect`;
  return catalogEntry(credentials, {
    id: "keycloak",
    name: "Keycloak",
    issuer,
    authorizationUrl: `${endpoints}/auth`,
    tokenUrl: `${endpoints}/token`,
    revocationUrl: `${endpoints}/revoke`,
    userinfoUrl: `${endpoints}/userinfo`,
    clientAuth: "client_secret_basic",
    scopes: ["openid", "profile", "email"],
    docsUrl: `${base}/admin/`,
  });
}
