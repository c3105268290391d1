import { ConfigurationError } from "../../errors/errors.ts";
import type { ProviderCredentials, ProviderDefinition } from "../types.ts";
import { catalogEntry } from "./entry.ts";

export interface ShopifyCredentials extends ProviderCredentials {
  /** The store: "acme" or "acme.myshopify.com". */
  shop: string;
}

/**
 * Shopify Admin API (authorization code grant). Scopes are comma-separated,
 * and the token response is `{ access_token, scope }`: no `token_type`, and
 * `scope` comma-separated.
 */
export function shopify(credentials: ShopifyCredentials): ProviderDefinition {
  const name = credentials.shop.trim().toLowerCase().replace(/^https:\/\//, "").replace(/\/+$/, "").replace(/\.myshopify\.com$/, "");
  if (!/^[a-z0-9][a-z0-9-]*$/.test(name)) {
    throw new ConfigurationError(`Shopify: \`shop\` must be "name" or "name.myshopify.com"; got "${credentials.shop}".`);
  }
  const admin = `https://${name}.myshopify.com/admin/oauth`;
  return catalogEntry(credentials, {
    id: "shopify",
    name: "Shopify",
    authorizationUrl: `${admin}/authorize`,
    tokenUrl: `${admin}/access_token`,
    clientAuth: "client_secret_post",
    scopeSeparator: ",",
    scopes: ["read_products"],
    quirks: { nonStandardTokenType: true },
    docsUrl: "https://partners.shopify.com/",
  });
}
