import { startDevProvider, type DevProvider } from "@langgraph-oauth/dev-provider";
import { createLocalBroker, type LocalBroker, type LocalBrokerOptions } from "./local-broker.ts";
import { discoverProvider } from "../providers/discover.ts";
import type { AuthResult } from "./types.ts";

export const CALLBACK = "http://127.0.0.1:8787/oauth/callback";

export interface Harness {
  dev: DevProvider;
  broker: LocalBroker;
  clock: { now: number };
  /** Runs consent at the provider for a pending result and hands the redirect to the broker. */
  connect(pending: AuthResult, opts?: { user?: string; decision?: "approve" | "deny" }): Promise<string>;
  /** Calls the provider's protected API with a token: 200 with { sub, scopes } or 401. */
  me(token: string): Promise<{ status: number; body: { sub?: string; scopes?: string[] } }>;
}

/** A real oidc-provider and a broker registered with it through discovery. */
export async function startHarness(
  options: { id?: string; dev?: Parameters<typeof startDevProvider>[0]; broker?: Partial<LocalBrokerOptions>; clientAuth?: "client_secret_basic" | "client_secret_post" } = {},
): Promise<Harness> {
  const id = options.id ?? "devhub";
  const auth = options.clientAuth ?? "client_secret_basic";
  const dev = await startDevProvider({
    clients: [{ clientId: "app", clientSecret: "app-secret", redirectUris: [`${CALLBACK}/${id}`], tokenEndpointAuthMethod: auth }],
    ...options.dev,
  });
  const clock = { now: Date.now() };
  const provider = await discoverProvider({ id, name: "DevHub", issuer: dev.issuer, clientId: "app", clientSecret: "app-secret", clientAuth: auth });
  const broker = createLocalBroker({
    providers: [provider],
    callbackUrl: CALLBACK,
    now: () => clock.now,
    retry: { attempts: 3, baseDelayMs: 1 },
    ...options.broker,
  });
  return {
    dev,
    broker,
    clock,
    async connect(pending, opts) {
      if (pending.status !== "pending") throw new Error(`expected pending, got ${pending.status}`);
      const redirect = await dev.consent(pending.url, opts);
      await broker.handleCallback(redirect);
      return redirect;
    },
    async me(token) {
      const response = await fetch(`${dev.apiUrl}/me`, { headers: { authorization: `Bearer ${token}` } });
      return { status: response.status, body: response.status === 200 ? await response.json() : {} };
    },
  };
}
