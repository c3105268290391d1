import { ConfigurationError } from "../errors/errors.ts";

const LOOPBACK_HOSTS = new Set(["127.0.0.1", "[::1]", "localhost"]);

/** True for http(s) URLs whose host is this machine (tests, demos, local development). */
export function isLoopback(url: URL): boolean {
  return LOOPBACK_HOSTS.has(url.hostname) || url.hostname.startsWith("127.");
}

/**
 * Parses an endpoint URL and refuses plain http except on loopback
 *: tokens and codes must not cross a network in clear text.
 */
export function parseSecureUrl(value: string, what: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigurationError(`${what} is not a valid absolute URL: "${value}".`);
  }
  if (url.protocol === "https:") return url;
  if (url.protocol === "http:" && isLoopback(url)) return url;
  throw new ConfigurationError(
    `${what} must use https (plain http is accepted only on loopback: 127.0.0.1, [::1], localhost); got "${url.origin}".`,
    "insecure_endpoint",
  );
}
