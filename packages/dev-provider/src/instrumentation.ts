import { readForm } from "./http-body.ts";
import type { Middleware } from "./interactions.ts";
import type { DevProviderCounts, FailableEndpoint, InjectedFailure } from "./types.ts";

type CountedEndpoint = "token" | "revocation" | "authorization";

export interface EndpointPaths {
  authorization: string;
  token: string;
  revocation: string;
}

interface PendingFailure {
  status: number;
  error: string;
  remaining: number;
}

/**
 * Request counters and injected outages, so tests can assert "exactly one
 * upstream refresh" or "a 503 is an error, not a consent prompt" against the
 * real provider. It sits in front of oidc-provider's own routes.
 */
export class Instrumentation {
  readonly counts: DevProviderCounts = { token: 0, refresh: 0, revocation: 0, authorization: 0 };
  readonly #failures = new Map<FailableEndpoint, PendingFailure[]>();
  readonly #paths: EndpointPaths;

  constructor(paths: EndpointPaths) {
    this.#paths = paths;
  }

  failNext(endpoint: FailableEndpoint, response: InjectedFailure): void {
    if (endpoint !== "token" && endpoint !== "revocation") {
      throw new TypeError(`failNext: unsupported endpoint ${String(endpoint)}`);
    }
    const { status, times = 1 } = response;
    if (!Number.isInteger(status) || status < 400 || status > 599) {
      throw new RangeError("failNext: status must be an HTTP error status (400-599)");
    }
    if (!Number.isInteger(times) || times < 1) throw new RangeError("failNext: times must be a positive integer");
    const error = response.error ?? (status === 503 ? "temporarily_unavailable" : "server_error");
    const queue = this.#failures.get(endpoint) ?? [];
    queue.push({ status, error, remaining: times });
    this.#failures.set(endpoint, queue);
  }

  middleware(): Middleware {
    return async (ctx, next) => {
      const endpoint = this.#endpointOf(ctx.method, ctx.path);
      if (endpoint === undefined) return next();
      this.counts[endpoint] += 1;

      const failure = endpoint === "authorization" ? undefined : this.#takeFailure(endpoint);
      if (failure) {
        // oidc-provider never sees this request, so read grant_type here to keep `refresh` exact.
        if (endpoint === "token" && (await grantTypeOf(ctx.req)) === "refresh_token") this.counts.refresh += 1;
        ctx.status = failure.status;
        ctx.set("Cache-Control", "no-store");
        ctx.body = { error: failure.error, error_description: "injected failure (dev-provider failNext)" };
        return;
      }

      await next();
      // The body is parsed by oidc-provider before client authentication, so even rejected refreshes count.
      if (endpoint === "token" && grantTypeFromContext(ctx) === "refresh_token") this.counts.refresh += 1;
    };
  }

  #takeFailure(endpoint: FailableEndpoint): PendingFailure | undefined {
    const queue = this.#failures.get(endpoint);
    const head = queue?.[0];
    if (!queue || !head) return undefined;
    head.remaining -= 1;
    if (head.remaining === 0) queue.shift();
    return head;
  }

  #endpointOf(method: string, path: string): CountedEndpoint | undefined {
    if (path === this.#paths.authorization && (method === "GET" || method === "POST")) return "authorization";
    if (method !== "POST") return undefined;
    if (path === this.#paths.token) return "token";
    if (path === this.#paths.revocation) return "revocation";
    return undefined;
  }
}

async function grantTypeOf(req: Parameters<typeof readForm>[0]): Promise<string | null> {
  try {
    return (await readForm(req)).get("grant_type");
  } catch {
    return null;
  }
}

function grantTypeFromContext(ctx: Parameters<Middleware>[0]): unknown {
  // ctx.oidc is oidc-provider's per-request state; `body` holds the parsed form.
  const oidc = (ctx as { oidc?: { body?: { grant_type?: unknown } } }).oidc;
  return oidc?.body?.grant_type;
}
