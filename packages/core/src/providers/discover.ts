import * as oidc from "openid-client";
import { ConfigurationError } from "../errors/errors.ts";
import { isLoopback, parseSecureUrl } from "../oauth/secure-url.ts";
import { defineProvider } from "./define.ts";
import type { ClientAuthMethod, ProviderDefinition } from "./types.ts";

export interface DiscoverOptions extends Omit<Partial<ProviderDefinition>, "id" | "issuer" | "clientId"> {
  id: string;
  /** Issuer identifier; metadata is read from its OIDC / RFC 8414 well-known document. */
  issuer: string;
  clientId: string;
  fetch?: ((url: string, init: RequestInit) => Promise<Response>) | undefined;
}

function preferredClientAuth(supported: unknown, hasSecret: boolean): ClientAuthMethod {
  if (!hasSecret) return "none";
  // RFC 8414 §2: absent means client_secret_basic. The document is the server's input, so a value
  // that is not a list is treated as absent rather than trusted to have array methods.
  if (!Array.isArray(supported) || supported.includes("client_secret_basic")) return "client_secret_basic";
  return supported.includes("client_secret_post") ? "client_secret_post" : "client_secret_basic";
}

/**
 * Builds a provider from its discovery document (OpenID Connect Discovery 1.0,
 * falling back to RFC 8414), through openid-client.
 */
export async function discoverProvider(options: DiscoverOptions): Promise<ProviderDefinition> {
  const { fetch: customFetch, issuer, ...rest } = options;
  const url = parseSecureUrl(issuer, `Issuer of provider "${options.id}"`);
  let metadata: oidc.ServerMetadata;
  try {
    const config = await oidc.discovery(url, options.clientId, undefined, undefined, {
      execute: url.protocol === "http:" && isLoopback(url) ? [oidc.allowInsecureRequests] : [],
      ...(customFetch ? { [oidc.customFetch]: customFetch as oidc.CustomFetch } : {}),
    });
    metadata = config.serverMetadata();
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw new ConfigurationError(
      `Discovery failed for "${issuer}" (${why}); check the issuer URL, or use defineProvider with explicit endpoints.`,
      "discovery_failed",
    );
  }
  // openid-client checks the issuer, not the type of the other members: the document is the server's input.
  const endpoint = (key: "authorization_endpoint" | "token_endpoint" | "revocation_endpoint" | "userinfo_endpoint"): string | undefined => {
    const value: unknown = metadata[key];
    if (value === undefined || typeof value === "string") return value;
    throw new ConfigurationError(`The discovery document of "${issuer}" has a ${key} that is not a URL string.`, "discovery_failed");
  };
  const authorizationUrl = endpoint("authorization_endpoint");
  const tokenUrl = endpoint("token_endpoint");
  if (!authorizationUrl || !tokenUrl) {
    throw new ConfigurationError(`The discovery document of "${issuer}" lacks authorization_endpoint or token_endpoint.`, "discovery_failed");
  }
  return defineProvider({
    name: rest.name ?? new URL(metadata.issuer).host,
    clientAuth: rest.clientAuth ?? preferredClientAuth(metadata.token_endpoint_auth_methods_supported, Boolean(rest.clientSecret)),
    ...rest,
    issuer: metadata.issuer,
    authorizationUrl,
    tokenUrl,
    revocationUrl: rest.revocationUrl ?? endpoint("revocation_endpoint"),
    userinfoUrl: rest.userinfoUrl ?? endpoint("userinfo_endpoint"),
  });
}
