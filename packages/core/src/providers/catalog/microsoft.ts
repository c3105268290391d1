import type { ProviderCredentials, ProviderDefinition } from "../types.ts";
import { catalogEntry, segmentOption } from "./entry.ts";

export interface MicrosoftCredentials extends ProviderCredentials {
  /**
   * Entra tenant in the URL path: "common" (work and personal accounts, the
   * default), "organizations", "consumers", a tenant id or a verified domain.
   */
  tenant?: string | undefined;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// The fixed tenant id of personal Microsoft accounts, which "consumers" tokens carry as `tid`.
const CONSUMERS_TENANT_ID = "9188040d-6c67-4c5b-b112-36a304b66dad";

/**
 * The v2.0 issuer is `https://login.microsoftonline.com/{tenant id}/v2.0`,
 * so it is only known for a tenant id (or "consumers"). For "common" and
 * "organizations" each user's tenant differs, which is also why `openid` is
 * not a default scope: an ID token could not be checked against one issuer.
 */
function issuerFor(tenant: string): string | undefined {
  if (GUID.test(tenant)) return `https://login.microsoftonline.com/${tenant.toLowerCase()}/v2.0`;
  if (tenant === "consumers") return `https://login.microsoftonline.com/${CONSUMERS_TENANT_ID}/v2.0`;
  return undefined;
}

/** Microsoft identity platform (Entra ID, v2.0 endpoints); Graph scopes such as User.Read, Mail.Read. */
export function microsoft(credentials: MicrosoftCredentials): ProviderDefinition {
  const tenant = segmentOption(credentials.tenant ?? "common", "tenant", "Microsoft");
  const base = `https://login.microsoftonline.com/${tenant}/oauth2/v2.0`;
  const issuer = issuerFor(tenant);
  return catalogEntry(credentials, {
    id: "microsoft",
    name: "Microsoft",
    ...(issuer ? { issuer } : {}),
    authorizationUrl: `${base}/authorize`,
    tokenUrl: `${base}/token`,
    userinfoUrl: "https://graph.microsoft.com/oidc/userinfo",
    // Microsoft identity platform docs, "Authorization code flow": client_secret is a form field.
    clientAuth: "client_secret_post",
    // offline_access is what makes Entra return a refresh token.
    scopes: ["offline_access", "User.Read"],
    docsUrl: "https://entra.microsoft.com/#view/Microsoft_AAD_RegisteredApps/ApplicationsListBlade",
  });
}
