import { ConfigurationError } from "../../errors/errors.ts";
import { parseSecureUrl } from "../../oauth/secure-url.ts";
import type { ClientAuthMethod, ProviderCredentials, ProviderDefinition } from "../types.ts";

/**
 * What one catalog file declares: the provider's own facts, without the
 * caller's credentials. `clientAuth` is required so every entry states the
 * method the provider documents instead of inheriting a guess.
 */
export type CatalogDefaults = Omit<ProviderDefinition, "clientId" | "clientSecret" | "scopes" | "clientAuth"> & {
  scopes: readonly string[];
  clientAuth: Exclude<ClientAuthMethod, "none">;
};

/**
 * Credentials → definition. Only the four credential fields are read, so a
 * factory's extra options (tenant, domain…) never leak into the entry.
 * Without a secret the app is a public client: it authenticates with PKCE
 * alone (`none`), which X, Fitbit, Discord and others allow.
 */
export function catalogEntry(credentials: ProviderCredentials, defaults: CatalogDefaults): ProviderDefinition {
  const { clientId, clientSecret, id, scopes } = credentials;
  return {
    ...defaults,
    id: id ?? defaults.id,
    clientId,
    ...(clientSecret ? { clientSecret, clientAuth: defaults.clientAuth } : { clientAuth: "none" as const }),
    scopes: [...(scopes ?? defaults.scopes)],
    // RFC 6749 §3.3 default, written out so every entry states its separator.
    scopeSeparator: defaults.scopeSeparator ?? " ",
  };
}

/** A factory for a provider whose endpoints never vary. */
export function fixedProvider(defaults: CatalogDefaults): (credentials: ProviderCredentials) => ProviderDefinition {
  return (credentials) => catalogEntry(credentials, defaults);
}

/** What a factory for a server you run takes: its base URL. */
export interface SelfHostedCredentials extends ProviderCredentials {
  /** Your server, e.g. "https://chat.example.com": https, or http on loopback. */
  baseUrl: string;
}

/** A factory for a self-hosted provider whose endpoints hang off the server's base URL. */
export function selfHostedProvider(
  provider: string,
  defaults: (base: string) => CatalogDefaults,
): (credentials: SelfHostedCredentials) => ProviderDefinition {
  return (credentials) => catalogEntry(credentials, defaults(baseUrlOption(credentials.baseUrl, "baseUrl", provider)));
}

/**
 * A host name option ("acme.okta.com"); a pasted "https://acme.okta.com/" is
 * accepted too, because that is what people copy from a browser.
 */
export function hostOption(value: string | undefined, option: string, provider: string): string {
  const host = (value ?? "").trim().replace(/^https:\/\//i, "").replace(/\/+$/, "").toLowerCase();
  if (!/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/.test(host)) {
    throw new ConfigurationError(`${provider}: \`${option}\` must be a host name such as "example.com"; got "${value ?? ""}".`);
  }
  return host;
}

/**
 * A base URL option for self-hosted servers (GitLab, Keycloak): https, or
 * http on loopback for local development; no trailing slash.
 */
export function baseUrlOption(value: string, option: string, provider: string): string {
  const url = parseSecureUrl(value.trim(), `${provider} \`${option}\``);
  if (url.search || url.hash) {
    throw new ConfigurationError(`${provider}: \`${option}\` must not carry a query or fragment; got "${value}".`);
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, "")}`;
}

/** One URL path segment chosen by the user (tenant, realm, subdomain): no slashes, dots-only or blanks. */
export function segmentOption(value: string | undefined, option: string, provider: string): string {
  const segment = (value ?? "").trim();
  if (!/^[A-Za-z0-9_.-]+$/.test(segment) || /^\.+$/.test(segment)) {
    throw new ConfigurationError(`${provider}: \`${option}\` must be letters, digits, ".", "-" or "_"; got "${value ?? ""}".`);
  }
  return segment;
}
