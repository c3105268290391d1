/** A provider's token response, normalized. Secrets live only here and in sealed storage. */
export interface TokenSet {
  accessToken: string;
  refreshToken?: string | undefined;
  tokenType: string;
  /** Epoch milliseconds when the access token expires, if the provider said. */
  expiresAt?: number | undefined;
  scopes: string[];
  idToken?: string | undefined;
}

/**
 * Granted scopes: RFC 6749 §3.3 says space-delimited, but some providers
 * (GitHub) answer comma-delimited, so both are split. When the response has
 * no `scope`, RFC 6749 §5.1 says the requested scopes were granted.
 */
export function parseGrantedScopes(scope: unknown, requested: readonly string[]): string[] {
  if (typeof scope !== "string" || scope.trim() === "") return [...requested];
  return scope.split(/[\s,]+/).filter(Boolean);
}

export function normalizeScopes(scopes: readonly string[]): string[] {
  return [...new Set(scopes.map((s) => s.trim()).filter(Boolean))].sort();
}

export function coversScopes(granted: ReadonlySet<string> | readonly string[], wanted: readonly string[]): boolean {
  const set = granted instanceof Set ? granted : new Set(granted as readonly string[]);
  return wanted.every((s) => set.has(s));
}
