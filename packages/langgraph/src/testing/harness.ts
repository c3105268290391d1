/**
 * Shared end-to-end setup for this package's tests: two real OAuth servers
 * (dev-provider, i.e. oidc-provider on 127.0.0.1), a real local broker, and
 * the headless consent round trip a browser would make.
 */
import { createLocalBroker, discoverProvider, type CallbackResult, type LocalBroker, type LocalBrokerOptions } from "@langgraph-oauth/core";
import { startDevProvider, type DevProvider } from "@langgraph-oauth/dev-provider";
import { isOAuthInterrupt, type OAuthInterrupt } from "../interrupt.ts";

/** Never requested: the broker appends the provider id; the callback is handed to broker.handleCallback directly. */
export const CALLBACK_URL = "http://127.0.0.1:8787/oauth/callback";
export const CLIENT = { clientId: "langgraph-oauth-tests", clientSecret: "tests-secret-8c1f0e" } as const;

/** "hub" stands in for a GitHub-like vendor, "mail" for a second, unrelated one. */
export const HUB = "devhub";
export const MAIL = "devmail";

export interface Harness {
  broker: LocalBroker;
  hub: DevProvider;
  mail: DevProvider;
  /**
   * Logs in as `user` at the provider that issued `url`, answers its consent
   * page, and hands the redirect to broker.handleCallback, as the callback
   * route would. Returns what the broker recorded, plus the redirect (its
   * one-time code feeds the canary scans).
   */
  consent(url: string, opts?: { user?: string; decision?: "approve" | "deny"; broker?: LocalBroker }): Promise<CallbackResult & { redirect: string }>;
  /** Another broker over the same two providers (own store, clock, options). */
  createBroker(options?: Partial<LocalBrokerOptions>): LocalBroker;
  /** The provider's protected resource: `{ sub, scopes }` when it accepts the token, else an HTTP error status. */
  me(provider: string, token: string): Promise<{ status: number; sub?: string; scopes?: string[] }>;
  close(): Promise<void>;
}

export async function startHarness(brokerOptions: Partial<LocalBrokerOptions> = {}): Promise<Harness> {
  const client = (id: string) => ({ ...CLIENT, redirectUris: [`${CALLBACK_URL}/${id}`] });
  const [hub, mail] = await Promise.all([
    startDevProvider({ name: "DevHub", clients: [client(HUB)] }),
    startDevProvider({ name: "DevMail", clients: [client(MAIL)] }),
  ]);
  const providers = await Promise.all([
    discoverProvider({ id: HUB, name: "DevHub", issuer: hub.issuer, ...CLIENT }),
    discoverProvider({ id: MAIL, name: "DevMail", issuer: mail.issuer, ...CLIENT }),
  ]);
  const createBroker = (options: Partial<LocalBrokerOptions> = {}) => createLocalBroker({ providers, callbackUrl: CALLBACK_URL, ...options });
  const broker = createBroker(brokerOptions);
  const byId: Record<string, DevProvider> = { [HUB]: hub, [MAIL]: mail };
  const issuerOf = (url: string) => (url.startsWith(`${hub.issuer}/`) ? hub : url.startsWith(`${mail.issuer}/`) ? mail : undefined);

  return {
    broker,
    hub,
    mail,
    createBroker,
    async consent(url, opts = {}) {
      const dev = issuerOf(url);
      if (!dev) throw new Error(`No dev provider issued ${url}`);
      const redirect = await dev.consent(url, { user: opts.user ?? "alice", decision: opts.decision ?? "approve" });
      return { ...(await (opts.broker ?? broker).handleCallback(redirect)), redirect };
    },
    async me(provider, token) {
      const dev = byId[provider];
      if (!dev) throw new Error(`Unknown provider ${provider}`);
      const res = await fetch(`${dev.apiUrl}/me`, { headers: { authorization: `Bearer ${token}` } });
      if (!res.ok) return { status: res.status };
      const body = (await res.json()) as { sub: string; scopes: string[] };
      return { status: res.status, sub: body.sub, scopes: body.scopes };
    },
    async close() {
      await Promise.all([hub.close(), mail.close()]);
    },
  };
}

/** A LangGraph interrupt as returned in `__interrupt__` / state.tasks. */
export interface SurfacedInterrupt {
  id?: string | undefined;
  value?: unknown;
}

/** The OAuth interrupts of an invoke result (`result.__interrupt__`), checked against the v1 schema. */
export function oauthInterrupts(result: unknown): Array<{ id: string; value: OAuthInterrupt }> {
  const list = ((result as { __interrupt__?: SurfacedInterrupt[] } | undefined)?.__interrupt__ ?? []) as SurfacedInterrupt[];
  return list.map((entry) => {
    if (!isOAuthInterrupt(entry.value)) throw new Error(`Not an OAuth interrupt: ${JSON.stringify(entry.value)}`);
    if (typeof entry.id !== "string") throw new Error("Interrupt without id");
    return { id: entry.id, value: entry.value };
  });
}
