/**
 * Where a tool body finds its tokens: AsyncLocalStorage for `getAccessToken()`,
 * and a redacting bag in `config.configurable.oauth` for runtimes without it.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import type { Credentials } from "@langgraph-oauth/core";
import { OAuthContextError } from "./errors.ts";

/**
 * The tokens in scope, as a linked list: one node per provider granted by
 * an enclosing wrapper (oauthMiddleware outside, withOAuth inside). A list
 * costs one small allocation per call on the hot path, a Map more.
 */
export interface TokenScope {
  readonly provider: string;
  readonly credentials: Credentials;
  readonly parent: TokenScope | undefined;
  /** The same object for every node one wrapper pushed: `getAccessToken()` without a provider looks at the innermost wrapper only. */
  readonly layer: object;
}

const storage = new AsyncLocalStorage<TokenScope>();

export function currentScope(): TokenScope | undefined {
  return storage.getStore();
}

export function runWithScope<A extends unknown[], R>(scope: TokenScope, fn: (...args: A) => R, ...args: A): R {
  return storage.run(scope, fn, ...args);
}

/** Pushes granted credentials on top of what an enclosing wrapper granted. */
export function extendScope(parent: TokenScope | undefined, granted: ReadonlyArray<readonly [string, Credentials]>): TokenScope {
  let scope = parent;
  const layer = {};
  for (const [provider, credentials] of granted) scope = { provider, credentials, parent: scope, layer };
  return scope!;
}

function lookup(scope: TokenScope | undefined, provider: string | undefined): Credentials | undefined | "ambiguous" {
  if (provider !== undefined) {
    for (let s = scope; s; s = s.parent) if (s.provider === provider) return s.credentials;
    return undefined;
  }
  const first = scope;
  if (!first) return undefined;
  for (let s = first.parent; s && s.layer === first.layer; s = s.parent) if (s.provider !== first.provider) return "ambiguous";
  return first.credentials;
}

/**
 * The value of `config.configurable.oauth` inside a wrapped tool. Tokens are
 * reachable as `oauth[providerId]` (non-enumerable accessors on the
 * prototype) and through `get()`; `toJSON()` redacts, so logging or
 * serializing a config does not print them. One small object per call: the
 * accessors are defined once per provider id, when a tool is wrapped.
 */
export class OAuthTokens {
  readonly #scope: TokenScope;
  constructor(scope: TokenScope) {
    this.#scope = scope;
  }
  /** The credentials for `provider` (optional when there is one), or undefined. */
  get(provider?: string): Credentials | undefined {
    const found = lookup(this.#scope, provider);
    return found === "ambiguous" ? undefined : found;
  }
  toJSON(): string {
    return "[oauth tokens redacted]";
  }
  static scopeOf(value: unknown): TokenScope | undefined {
    return value instanceof OAuthTokens ? value.#scope : undefined;
  }
}

/** Makes `oauth[provider]` work for this provider id on every bag. */
export function defineProviderAccessor(provider: string): void {
  if (provider in OAuthTokens.prototype) return; // already defined, or a built-in name such as "get"
  Object.defineProperty(OAuthTokens.prototype, provider, {
    get(this: OAuthTokens) {
      return this.get(provider);
    },
    enumerable: false,
    configurable: false,
  });
}

interface ConfigLike {
  configurable?: Record<string, unknown> | undefined;
}

function scopeFromConfig(config: ConfigLike | undefined): TokenScope | undefined {
  return OAuthTokens.scopeOf(config?.configurable?.["oauth"]);
}

function resolve(provider: string | undefined, config: ConfigLike | undefined): Credentials {
  let found = lookup(storage.getStore(), provider);
  if (found === undefined) found = lookup(scopeFromConfig(config), provider);
  if (found === "ambiguous") {
    throw new OAuthContextError("This tool is wrapped for several providers: name one, e.g. getAccessToken(\"github\").");
  }
  if (found === undefined) {
    throw new OAuthContextError(
      provider === undefined
        ? "getAccessToken() was called outside a tool wrapped with withOAuth() or run by oauthMiddleware(); call it inside the tool body (without AsyncLocalStorage, pass the tool's config: getAccessToken(provider, config))."
        : `No token for provider "${provider}" here: getAccessToken("${provider}") must run inside a tool wrapped with withOAuth(tool, { provider: "${provider}", ... }) or listed for it in oauthMiddleware({ tools }).`,
    );
  }
  return found;
}

/**
 * The access token for `provider` (optional when the tool is wrapped for one
 * provider only). Reads AsyncLocalStorage, then `config.configurable.oauth`
 * when a config is given (runtimes without AsyncLocalStorage).
 */
export function getAccessToken(provider?: string, config?: ConfigLike): string {
  return resolve(provider, config).accessToken;
}

/** The whole non-refresh token set (access token, type, expiry, scopes, id token). */
export function getCredentials(provider?: string, config?: ConfigLike): Credentials {
  return resolve(provider, config);
}
