import * as oidc from "openid-client";
import type { DevClient, DevProvider } from "../types.ts";

/** A client of the dev provider, configured from its discovery document as a real app would be. */
export async function discoverClient(provider: DevProvider, client: DevClient): Promise<oidc.Configuration> {
  const auth =
    client.tokenEndpointAuthMethod === "none"
      ? oidc.None()
      : client.tokenEndpointAuthMethod === "client_secret_post"
        ? oidc.ClientSecretPost(client.clientSecret)
        : oidc.ClientSecretBasic(client.clientSecret);
  return oidc.discovery(new URL(provider.issuer), client.clientId, undefined, auth, {
    // Plain http is only acceptable because the provider is on loopback.
    execute: [oidc.allowInsecureRequests],
  });
}

export interface AuthorizationRequest {
  url: URL;
  verifier: string;
  state: string;
}

export async function authorizationRequest(
  config: oidc.Configuration,
  redirectUri: string,
  scope: string,
): Promise<AuthorizationRequest> {
  const verifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri,
    scope,
    state,
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
    code_challenge_method: "S256",
  });
  return { url, verifier, state };
}

/** Consent as `user`, then exchange the code, checking state, PKCE and RFC 9207 iss on the way. */
export async function obtainTokens(
  provider: DevProvider,
  config: oidc.Configuration,
  options: { redirectUri: string; scope: string; user: string },
): Promise<oidc.TokenEndpointResponse & oidc.TokenEndpointResponseHelpers> {
  const request = await authorizationRequest(config, options.redirectUri, options.scope);
  const callback = await provider.consent(request.url.href, { user: options.user });
  return oidc.authorizationCodeGrant(config, new URL(callback), {
    pkceCodeVerifier: request.verifier,
    expectedState: request.state,
  });
}

export async function getMe(provider: DevProvider, accessToken: string): Promise<Response> {
  return fetch(`${provider.apiUrl}/me`, { headers: { authorization: `Bearer ${accessToken}` } });
}

/**
 * The OAuth error code of a failed openid-client call: from the JSON body, or,
 * for 401 invalid_client, from the WWW-Authenticate challenge it arrives in.
 */
export async function oauthErrorOf(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof oidc.ResponseBodyError) return error.error;
    if (error instanceof oidc.WWWAuthenticateChallengeError) return error.cause[0]?.parameters.error;
    throw error;
  }
  throw new Error("expected the request to fail");
}
