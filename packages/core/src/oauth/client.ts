import * as oidc from "openid-client";
import type { ProviderDefinition } from "../providers/types.ts";
import { OAuthError, ProviderUnavailableError, TokenExchangeError, CallbackError } from "../errors/errors.ts";
import { isLoopback, parseSecureUrl } from "./secure-url.ts";
import { defaultRetry, providerFetch, type RetryPolicy } from "./quirks-fetch.ts";
import { parseGrantedScopes, type TokenSet } from "./token-set.ts";
import { buildAuthorizationUrl, type AuthorizationParams } from "./authorization-url.ts";

export interface OAuthClientOptions {
  /** Replaces global fetch for every provider request (tests, proxies). */
  fetch?: ((url: string, init: RequestInit) => Promise<Response>) | undefined;
  retry?: RetryPolicy | undefined;
  /** Clock for token expiry (epoch ms); tests move it. */
  now?: (() => number) | undefined;
}

/**
 * One provider's OAuth 2.0 client, on openid-client (panva; built on
 * oauth4webapi): authorization code + PKCE S256 (RFC 7636), RFC 9207 `iss`
 * check, refresh (RFC 6749 §6), revocation (RFC 7009). This module only
 * adapts our declarative provider entries to it and maps its errors to ours.
 */
export interface OAuthClient {
  readonly provider: ProviderDefinition;
  authorizationUrl(params: AuthorizationParams): URL;
  exchangeCode(callback: URL, checks: { codeVerifier: string; state: string; requestedScopes: readonly string[] }): Promise<TokenSet>;
  refresh(refreshToken: string, requestedScopes: readonly string[]): Promise<TokenSet>;
  /** RFC 7009; returns false when the provider has no revocation endpoint. */
  revoke(token: string, hint: "access_token" | "refresh_token"): Promise<boolean>;
}

function clientAuthFor(provider: ProviderDefinition): oidc.ClientAuth {
  const method = provider.clientAuth ?? (provider.clientSecret ? "client_secret_basic" : "none");
  switch (method) {
    case "client_secret_basic":
      return oidc.ClientSecretBasic(provider.clientSecret);
    case "client_secret_post":
      return oidc.ClientSecretPost(provider.clientSecret);
    case "none":
      return oidc.None();
  }
}

function configurationFor(provider: ProviderDefinition, options: OAuthClientOptions): oidc.Configuration {
  const authorization = parseSecureUrl(provider.authorizationUrl, `${provider.name} authorizationUrl`);
  const token = parseSecureUrl(provider.tokenUrl, `${provider.name} tokenUrl`);
  const revocation = provider.revocationUrl ? parseSecureUrl(provider.revocationUrl, `${provider.name} revocationUrl`) : undefined;
  if (provider.issuer) parseSecureUrl(provider.issuer, `${provider.name} issuer`);
  const server: oidc.ServerMetadata = {
    // Without a known issuer the `iss` response parameter cannot be checked; see exchangeCode.
    issuer: provider.issuer ?? authorization.origin,
    authorization_endpoint: authorization.href,
    token_endpoint: token.href,
    ...(revocation ? { revocation_endpoint: revocation.href } : {}),
    ...(provider.userinfoUrl ? { userinfo_endpoint: provider.userinfoUrl } : {}),
  };
  const config = new oidc.Configuration(server, provider.clientId, {}, clientAuthFor(provider));
  const endpoints = [authorization, token, ...(revocation ? [revocation] : [])];
  if (endpoints.some((u) => u.protocol === "http:" && isLoopback(u))) oidc.allowInsecureRequests(config);
  config[oidc.customFetch] = providerFetch(provider, options.retry ?? defaultRetry, options.fetch) as oidc.CustomFetch;
  return config;
}

/** Finds our own OAuthError anywhere in a cause chain (openid-client wraps what customFetch throws). */
function ownError(error: unknown): OAuthError | undefined {
  for (let e = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if (e instanceof OAuthError) return e;
  }
  return undefined;
}

/**
 * Maps openid-client errors to ours. The provider's error body (attached by
 * oauth4webapi as `cause`) is never kept: it can echo codes or tokens.
 */
export function toOAuthError(error: unknown, provider: ProviderDefinition, action: string): OAuthError {
  const own = ownError(error);
  if (own) return own;
  if (error instanceof oidc.ResponseBodyError) {
    if (error.status >= 500) return new ProviderUnavailableError(`${provider.name} failed to ${action} (HTTP ${error.status}); try again later.`);
    const description = typeof error.error_description === "string" ? `: ${error.error_description.slice(0, 200)}` : "";
    return new TokenExchangeError(`${provider.name} refused to ${action} (${error.error}${description}).`, error.error);
  }
  if (error instanceof oidc.AuthorizationResponseError) {
    return new CallbackError("callback_invalid", `${provider.name} returned an authorization error (${error.error}).`);
  }
  const code = (error as { code?: unknown })?.code;
  const message = error instanceof Error ? error.message : String(error);
  const detail = (error as { cause?: unknown })?.cause instanceof Error ? ((error as { cause: Error }).cause.message) : message;
  if (code === "OAUTH_INVALID_RESPONSE" && /"iss"|"state"/.test(detail)) {
    // Checked before any token request: RFC 9207 issuer or state mismatch in the redirect.
    return new CallbackError("callback_invalid", `The callback did not come from ${provider.name} as expected (${detail}); start the connection again.`);
  }
  return new TokenExchangeError(`${provider.name}: could not ${action}: ${message}.`);
}

function tokenSetFrom(response: oidc.TokenEndpointResponse, requestedScopes: readonly string[], now: number): TokenSet {
  return {
    accessToken: response.access_token,
    refreshToken: response.refresh_token,
    tokenType: response.token_type,
    expiresAt: typeof response.expires_in === "number" ? now + response.expires_in * 1000 : undefined,
    scopes: parseGrantedScopes(response.scope, requestedScopes),
    idToken: response.id_token,
  };
}

export function createOAuthClient(provider: ProviderDefinition, options: OAuthClientOptions = {}): OAuthClient {
  const config = configurationFor(provider, options);
  const now = options.now ?? Date.now;

  return {
    provider,
    authorizationUrl(params) {
      return buildAuthorizationUrl(provider, params);
    },

    async exchangeCode(callback, { codeVerifier, state, requestedScopes }) {
      // RFC 9207: with a known issuer, openid-client rejects a mismatching `iss`.
      // Without one, a sent `iss` cannot be compared, so it is dropped.
      if (!provider.issuer) callback.searchParams.delete("iss");
      try {
        const response = await oidc.authorizationCodeGrant(
          config,
          callback,
          { pkceCodeVerifier: codeVerifier, expectedState: state },
          provider.tokenParams ? { ...provider.tokenParams } : undefined,
        );
        return tokenSetFrom(response, requestedScopes, now());
      } catch (error) {
        throw toOAuthError(error, provider, "exchange the authorization code");
      }
    },

    async refresh(refreshToken, requestedScopes) {
      try {
        const response = await oidc.refreshTokenGrant(config, refreshToken, provider.tokenParams ? { ...provider.tokenParams } : undefined);
        const set = tokenSetFrom(response, requestedScopes, now());
        // RFC 6749 §6: without a new refresh token the old one stays valid.
        return { ...set, refreshToken: set.refreshToken ?? refreshToken };
      } catch (error) {
        throw toOAuthError(error, provider, "refresh the access token");
      }
    },

    async revoke(token, hint) {
      if (!provider.revocationUrl) return false;
      try {
        await oidc.tokenRevocation(config, token, { token_type_hint: hint });
        return true;
      } catch (error) {
        throw toOAuthError(error, provider, "revoke the token");
      }
    },
  };
}
