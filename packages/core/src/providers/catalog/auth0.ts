import type { ProviderCredentials, ProviderDefinition } from "../types.ts";
import { catalogEntry, hostOption } from "./entry.ts";

export interface Auth0Credentials extends ProviderCredentials {
  /** Your tenant host, e.g. "acme.us.auth0.com" or a custom domain. */
  domain: string;
  /** API identifier to get an access token for (Auth0's `audience` parameter). */
  audience?: string | undefined;
}

/** Auth0 as an OAuth server of its own (not Token Vault; that is the auth0 broker adapter). */
export function auth0(credentials: Auth0Credentials): ProviderDefinition {
  const domain = hostOption(credentials.domain, "domain", "Auth0");
  const origin = `https://${domain}`;
  return catalogEntry(credentials, {
    id: "auth0",
    name: "Auth0",
    // Auth0's issuer keeps the trailing slash; ID tokens carry it in `iss`.
    issuer: `${origin}/`,
    authorizationUrl: `${origin}/authorize`,
    tokenUrl: `${origin}/oauth/token`,
    // Revokes refresh tokens only (Auth0 docs, "Revoke refresh tokens").
    revocationUrl: `${origin}/oauth/revoke`,
    userinfoUrl: `${origin}/userinfo`,
    // Auth0 creates Regular Web Applications with token_endpoint_auth_method client_secret_post.
    clientAuth: "client_secret_post",
    scopes: ["openid", "profile", "email", "offline_access"],
    ...(credentials.audience ? { authorizationParams: { audience: credentials.audience } } : {}),
    docsUrl: "https://manage.auth0.com/",
  });
}
