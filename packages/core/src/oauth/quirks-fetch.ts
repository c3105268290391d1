import type { ProviderDefinition, ProviderQuirks } from "../providers/types.ts";
import { ProviderUnavailableError } from "../errors/errors.ts";

export interface RetryPolicy {
  /** Total attempts for one request, including the first. */
  attempts: number;
  /** Delay before the second attempt; doubles after each. */
  baseDelayMs: number;
}

export const defaultRetry: RetryPolicy = { attempts: 3, baseDelayMs: 200 };

type Fetch = (url: string, init: RequestInit) => Promise<Response>;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The fetch every provider request goes through. It retries network errors
 * and 5xx a bounded number of times, then raises ProviderUnavailableError: an
 * outage must never look like a consent prompt. It also applies
 * the token-endpoint quirks of a provider, so the OAuth library sees a
 * standards-shaped response.
 */
export function providerFetch(provider: ProviderDefinition, retry: RetryPolicy, base: Fetch = fetch): Fetch {
  return async (url, init) => {
    let lastProblem = "";
    for (let attempt = 1; attempt <= retry.attempts; attempt++) {
      if (attempt > 1) await sleep(retry.baseDelayMs * 2 ** (attempt - 2));
      let response: Response;
      try {
        response = await base(url, init);
      } catch (error) {
        if (init.signal?.aborted) throw error;
        lastProblem = "could not be reached";
        continue;
      }
      if (response.status >= 500) {
        lastProblem = `answered HTTP ${response.status}`;
        continue;
      }
      return url === provider.tokenUrl ? fixTokenResponse(provider, response) : response;
    }
    const endpoint = new URL(url);
    throw new ProviderUnavailableError(
      `${provider.name} ${lastProblem} at ${endpoint.origin}${endpoint.pathname} after ${retry.attempts} attempts; try again later.`,
    );
  };
}

/** The quirks that rewrite a token response; any other flag leaves it untouched. */
const TOKEN_RESPONSE_QUIRKS = [
  "tokenErrorsWithStatus200",
  "tokenResponseMember",
  "nonStandardTokenType",
  "scopeArrayInTokenResponse",
  "expiresInZeroMeansNoExpiry",
  "nullMembersInTokenResponse",
] as const satisfies readonly (keyof ProviderQuirks)[];

async function fixTokenResponse(provider: ProviderDefinition, response: Response): Promise<Response> {
  const quirks = provider.quirks;
  if (!quirks || !TOKEN_RESPONSE_QUIRKS.some((name) => quirks[name])) return response;
  if (response.status !== 200) return response;
  let body: Record<string, unknown>;
  try {
    body = (await response.clone().json()) as Record<string, unknown>;
  } catch {
    return response;
  }
  let status = 200;
  if (quirks.tokenErrorsWithStatus200 && typeof body.error === "string") status = 400;
  if (quirks.tokenResponseMember) {
    const member = body[quirks.tokenResponseMember];
    if (member && typeof member === "object") body = { ...body, ...(member as Record<string, unknown>) };
  }
  if (quirks.nonStandardTokenType && typeof body.access_token === "string") {
    body = { ...body, token_type: "bearer" };
  }
  if (quirks.scopeArrayInTokenResponse && Array.isArray(body.scope)) body = { ...body, scope: body.scope.join(" ") };
  if (quirks.nullMembersInTokenResponse) body = Object.fromEntries(Object.entries(body).filter(([, value]) => value !== null));
  if (quirks.expiresInZeroMeansNoExpiry && body.expires_in === 0) {
    const { expires_in: _never, ...rest } = body;
    body = rest;
  }
  const headers = new Headers(response.headers);
  headers.set("content-type", "application/json");
  headers.delete("content-length");
  return new Response(JSON.stringify(body), { status, headers });
}
