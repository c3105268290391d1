import { providers, type CatalogProviderName } from "./catalog/index.ts";
import type { ProviderCredentials, ProviderDefinition } from "./types.ts";

/** Credentials every sample entry is built with. */
export const sampleCredentials = { clientId: "client-123", clientSecret: "secret-456" } as const;

type Options<K extends CatalogProviderName> = Omit<Parameters<(typeof providers)[K]>[0], keyof ProviderCredentials>;
/** Catalog keys whose factory has required options (a tenant, a domain…). */
type NeedsOptions = { [K in CatalogProviderName]: object extends Options<K> ? never : K }[CatalogProviderName];

/**
 * Sample values for the options a factory requires. The mapped type makes a
 * new entry with required options fail to compile here until it gets some.
 */
export const requiredOptions: { readonly [K in NeedsOptions]: Options<K> } = {
  auth0: { domain: "acme.us.auth0.com" },
  authentik: { baseUrl: "https://auth.example.com" },
  cognito: { domain: "acme.auth.us-east-1.amazoncognito.com" },
  keycloak: { baseUrl: "https://sso.example.com", realm: "acme" },
  mastodon: { baseUrl: "https://mastodon.example" },
  mattermost: { baseUrl: "https://chat.example.com" },
  nextcloud: { baseUrl: "https://cloud.example.com" },
  okta: { domain: "acme.okta.com" },
  shopify: { shop: "acme" },
  zendesk: { subdomain: "acme" },
};

export const catalogNames = Object.keys(providers) as CatalogProviderName[];

/** The names of the options `name` requires, or none. */
export function requiredOptionNames(name: CatalogProviderName): string[] {
  return Object.keys((requiredOptions as Readonly<Record<string, object>>)[name] ?? {});
}

/** The catalog entry `name`, built with the sample credentials and required options. */
export function sampleEntry(name: CatalogProviderName, credentials: ProviderCredentials = sampleCredentials): ProviderDefinition {
  const factory = providers[name] as (credentials: ProviderCredentials) => ProviderDefinition;
  return factory({ ...credentials, ...(requiredOptions as Readonly<Record<string, object>>)[name] });
}
