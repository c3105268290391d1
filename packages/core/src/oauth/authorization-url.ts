import type { ProviderDefinition } from "../providers/types.ts";

export interface AuthorizationParams {
  redirectUri: string;
  scopes: readonly string[];
  state: string;
  /** BASE64URL(SHA256(code_verifier)), RFC 7636 §4.2. */
  codeChallenge: string;
}

/**
 * The authorization request of RFC 6749 §4.1.1 with PKCE S256 (RFC 7636),
 * shaped by the provider's entry: its scope parameter and separator, and its
 * fixed extra parameters. Pure, so every catalog entry is testable offline.
 */
export function buildAuthorizationUrl(provider: ProviderDefinition, params: AuthorizationParams): URL {
  const url = new URL(provider.authorizationUrl);
  for (const [name, value] of Object.entries(provider.authorizationParams ?? {})) url.searchParams.set(name, value);
  url.searchParams.set("client_id", provider.clientId);
  url.searchParams.set("response_type", "code");
  url.searchParams.set("redirect_uri", params.redirectUri);
  if (params.scopes.length > 0) {
    url.searchParams.set(provider.quirks?.scopeParam ?? "scope", params.scopes.join(provider.scopeSeparator ?? " "));
  }
  url.searchParams.set("state", params.state);
  if (!provider.quirks?.noPkce) {
    url.searchParams.set("code_challenge", params.codeChallenge);
    url.searchParams.set("code_challenge_method", "S256");
  }
  return url;
}
