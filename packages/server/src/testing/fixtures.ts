import { createServer } from "node:net";
import { expect } from "vitest";
import { createLocalBroker, discoverProvider, MemoryTokenStore, type LocalBroker, type LocalBrokerOptions } from "@langgraph-oauth/core";
import { findSecrets } from "@langgraph-oauth/core/testing";
import { startDevProvider, type DevProvider } from "@langgraph-oauth/dev-provider";
import type { Hono } from "hono";
import { createOAuthApp, type OAuthAppOptions } from "../app.ts";

export const API_KEY = "test-api-key-0123456789abcdef";
export const CLIENT = { clientId: "server-tests", clientSecret: "server-tests-secret" };

/** Every code, state, token and secret a test has seen; no page or error body may contain any of them. */
export class Canary {
  readonly secrets = new Set<string>([CLIENT.clientSecret, API_KEY]);

  add(...values: (string | null | undefined)[]): void {
    for (const value of values) if (value) this.secrets.add(value);
  }

  /** Adds the code and state of a provider redirect URL. */
  addRedirect(redirect: string): void {
    const url = new URL(redirect);
    this.add(url.searchParams.get("code"), url.searchParams.get("state"));
  }

  /** Fails on any known secret in `haystack`, also percent-, hex-, base64- or JSON-escaped (see findSecrets). */
  check(haystack: unknown): void {
    // Labels show only a prefix, so a failure report does not print the secret either.
    const labelled = Object.fromEntries([...this.secrets].map((secret, i) => [`#${i} ${secret.slice(0, 4)}…`, secret]));
    expect(findSecrets(haystack, labelled), "a response leaked a secret").toEqual([]);
  }
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (typeof address !== "object" || address === null) throw new Error("no port");
  return address.port;
}

export interface Fixture {
  dev: DevProvider;
  broker: LocalBroker;
  store: MemoryTokenStore;
  app: Hono;
  callbackUrl: string;
  /** Moves the broker's clock. */
  clock: { offsetMs: number };
  close(): Promise<void>;
}

export interface FixtureOptions {
  callbackUrl?: string;
  app?: Omit<OAuthAppOptions, "broker">;
  broker?: Partial<LocalBrokerOptions>;
  /** A second provider id served by the same dev-provider, to test cross-provider states. */
  providerIds?: string[];
}

/** A real oidc-provider, a local broker that discovered it, and the app under test. */
export async function startFixture(options: FixtureOptions = {}): Promise<Fixture> {
  const callbackUrl = options.callbackUrl ?? "http://127.0.0.1:8787/oauth/callback";
  const ids = options.providerIds ?? ["dev"];
  const dev = await startDevProvider({
    clients: [{ ...CLIENT, redirectUris: ids.map((id) => `${callbackUrl}/${id}`) }],
  });
  const definitions = await Promise.all(ids.map((id) => discoverProvider({ id, name: `Dev ${id}`, issuer: dev.issuer, ...CLIENT, scopes: [] })));
  const store = new MemoryTokenStore();
  const clock = { offsetMs: 0 };
  const broker = createLocalBroker({
    providers: definitions,
    callbackUrl,
    store,
    // One attempt: outage tests must not wait for retries.
    retry: { attempts: 1, baseDelayMs: 0 },
    now: () => Date.now() + clock.offsetMs,
    ...options.broker,
  });
  const app = createOAuthApp({ broker, apiKey: API_KEY, ...options.app });
  return { dev, broker, store, app, callbackUrl, clock, close: () => dev.close() };
}

/** The path and query of a provider redirect, for `app.request`. */
export function pathOf(redirect: string): string {
  const url = new URL(redirect);
  return `${url.pathname}${url.search}`;
}

export const auth = { "x-api-key": API_KEY };
export const jsonHeaders = { ...auth, "content-type": "application/json" };

export async function postJson(app: Hono, path: string, body: unknown, headers: Record<string, string> = jsonHeaders): Promise<Response> {
  return app.request(path, { method: "POST", headers, body: typeof body === "string" ? body : JSON.stringify(body) });
}
