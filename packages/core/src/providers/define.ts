import { ConfigurationError } from "../errors/errors.ts";
import { parseSecureUrl } from "../oauth/secure-url.ts";
import type { ProviderDefinition } from "./types.ts";

const ID = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * Checks a provider entry once, at start-up, so that a mistake is a clear
 * ConfigurationError and not a failed consent later: id shape, client id,
 * and https endpoints (http only on loopback).
 */
export function defineProvider(definition: ProviderDefinition): ProviderDefinition {
  if (!ID.test(definition.id ?? "")) {
    throw new ConfigurationError(`Provider id "${String(definition.id)}" must be 1-64 letters, digits, "-" or "_" (it is used in the callback URL).`);
  }
  const label = definition.name?.trim() ? definition.name : definition.id;
  if (typeof definition.clientId !== "string" || definition.clientId.trim() === "") {
    throw new ConfigurationError(`Provider "${definition.id}" needs a clientId: create an OAuth app at ${label} and pass its client id.`);
  }
  parseSecureUrl(definition.authorizationUrl, `${label} authorizationUrl`);
  parseSecureUrl(definition.tokenUrl, `${label} tokenUrl`);
  for (const key of ["revocationUrl", "userinfoUrl", "issuer"] as const) {
    const value = definition[key];
    if (value !== undefined) parseSecureUrl(value, `${label} ${key}`);
  }
  if (definition.clientAuth && definition.clientAuth !== "none" && !definition.clientSecret) {
    throw new ConfigurationError(`Provider "${definition.id}" uses ${definition.clientAuth} but has no clientSecret.`);
  }
  return Object.freeze({ ...definition, name: label });
}
