import { randomBytes } from "node:crypto";
import type { ClientMetadata, Configuration, JWK, KoaContextWithOIDC } from "oidc-provider";
import type { errors as OidcErrors } from "oidc-provider";
import { errorPage } from "./pages.ts";
import type { MemoryStore } from "./store.ts";
import type { DevClient } from "./types.ts";

export const OIDC_SCOPES: readonly string[] = ["openid", "offline_access", "profile", "email"];

export const ROUTES = {
  authorization: "/auth",
  token: "/token",
  revocation: "/token/revocation",
  introspection: "/token/introspection",
  // The default "/me" would read like the resource API's /api/me; keep them apart.
  userinfo: "/userinfo",
  jwks: "/jwks",
} as const;

const DAY = 24 * 60 * 60;

export interface Settings {
  name: string;
  clients: DevClient[];
  scopes: readonly string[];
  accessTokenTtl: number;
  refreshTokens: boolean;
  rotateRefreshTokens: boolean;
}

/** oidc-provider's configuration for one instance; every departure from its defaults says why. */
export function buildConfiguration(
  settings: Settings,
  deps: { store: MemoryStore; jwks: { keys: JWK[] }; errors: typeof OidcErrors },
): Configuration {
  const { store, jwks, errors } = deps;
  return {
    adapter: (model: string) => store.adapterFor(model),
    clients: settings.clients.map(toClientMetadata),
    // What DevClient can express; discovery then advertises nothing else.
    clientAuthMethods: ["client_secret_basic", "client_secret_post", "none"],
    jwks,
    // Fresh per instance: cookies signed by another instance or run are ignored.
    cookies: { keys: [randomBytes(32).toString("base64url")] },
    // Extra scopes are provider-level scopes: then oidc-provider keeps them in
    // the access token (it drops unknown scopes) without needing resource
    // indicators, and the token stays usable at userinfo when openid was asked.
    scopes: [...new Set([...OIDC_SCOPES, ...settings.scopes])],
    claims: {
      openid: ["sub"],
      profile: ["name", "preferred_username"],
      email: ["email", "email_verified"],
    },
    // Any username typed at login is an account.
    findAccount: (_ctx: KoaContextWithOIDC, sub: string) => ({
      accountId: sub,
      claims: () => ({ sub, name: sub, preferred_username: sub, email: `${sub}@example.test`, email_verified: true }),
    }),
    features: {
      devInteractions: { enabled: false },
      // Both policies are oidc-provider's defaults, restated so it does not print a notice per call.
      revocation: {
        enabled: true,
        allowedPolicy: (_ctx, client, token) => {
          if (token.clientId === client.clientId) return true;
          if (client.clientAuthMethod === "none") return false;
          throw new errors.InvalidRequest("client is not authorized to revoke the presented token");
        },
      },
      introspection: {
        enabled: true,
        allowedPolicy: (_ctx, client, token) => client.clientAuthMethod !== "none" || token.clientId === client.clientId,
      },
      userinfo: { enabled: true },
      // Off so that tokens carry every granted scope (see `scopes`) instead of being split per audience.
      resourceIndicators: { enabled: false },
      // The resource API checks plain Bearer tokens only; a DPoP-bound token would be accepted without its proof.
      dPoP: { enabled: false },
      // Its built-in pages load external fonts; nothing here needs RP-initiated logout.
      rpInitiatedLogout: { enabled: false },
    },
    // Authorization code only: no implicit or hybrid flows to accidentally test against.
    responseTypes: ["code"],
    pkce: { required: () => true },
    // By default refresh tokens need offline_access plus prompt=consent; GitHub-like
    // providers issue them to any client allowed the grant, which is what callers test.
    issueRefreshToken: (_ctx, client) => settings.refreshTokens && client.grantTypeAllowed("refresh_token"),
    rotateRefreshToken: settings.rotateRefreshTokens,
    // By default tokens without offline_access die with the login session; a
    // token broker must keep working after the user closes the consent tab.
    expiresWithSession: () => false,
    ttl: {
      AccessToken: settings.accessTokenTtl,
      AuthorizationCode: 60,
      IdToken: 3600,
      RefreshToken: 14 * DAY,
      Interaction: 15 * 60,
      Session: DAY,
      Grant: 14 * DAY,
    },
    // Redirect URIs match exactly, also at the token endpoint.
    allowOmittingSingleRegisteredRedirectUri: false,
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    routes: ROUTES,
    renderError: (ctx, out) => {
      ctx.type = "html";
      ctx.body = errorPage({ providerName: settings.name, error: out.error, description: out.error_description });
    },
  };
}

function toClientMetadata(client: DevClient): ClientMetadata {
  const metadata: ClientMetadata = {
    client_id: client.clientId,
    redirect_uris: client.redirectUris,
    response_types: ["code"],
    grant_types: client.grantTypes ?? ["authorization_code", "refresh_token"],
    token_endpoint_auth_method: client.tokenEndpointAuthMethod ?? "client_secret_basic",
  };
  if (client.tokenEndpointAuthMethod !== "none" && client.clientSecret !== undefined) {
    metadata.client_secret = client.clientSecret;
  }
  return metadata;
}
