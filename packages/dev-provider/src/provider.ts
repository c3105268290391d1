import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { JWK } from "oidc-provider";
import { requireRegisteredSecretMethod } from "./client-auth.ts";
import { buildConfiguration, ROUTES, type Settings } from "./configuration.ts";
import { driveConsent } from "./consent.ts";
import { Instrumentation } from "./instrumentation.ts";
import { interactionRoutes } from "./interactions.ts";
import { generateSigningKeys } from "./keys.ts";
import { loadOidcProvider } from "./load-oidc-provider.ts";
import { API_PATH, resourceApi } from "./resource-api.ts";
import { MemoryStore } from "./store.ts";
import type { DevClient, DevProvider, DevProviderOptions } from "./types.ts";

export const DEFAULT_SCOPES: readonly string[] = ["repo", "read:user", "calendar.read", "calendar.write", "mail.send"];

/** The design's default callback base is http://localhost:8787/oauth/callback/{provider}. */
export const DEFAULT_CLIENT: Readonly<DevClient> = {
  clientId: "demo-client",
  clientSecret: "demo-secret",
  redirectUris: [
    "http://localhost:8787/oauth/callback/github",
    "http://localhost:8787/oauth/callback/demo",
    "http://localhost:8787/oauth/callback/dev",
  ],
  tokenEndpointAuthMethod: "client_secret_basic",
  grantTypes: ["authorization_code", "refresh_token"],
};

type OidcProviderModule = Awaited<ReturnType<typeof loadOidcProvider>>;

/**
 * Starts a real OAuth 2.0 / OpenID Connect provider (oidc-provider) on
 * http://127.0.0.1:PORT. For local development, demos and tests only: any
 * username logs in without a password.
 */
export async function startDevProvider(options: DevProviderOptions = {}): Promise<DevProvider> {
  const settings = settingsFrom(options);
  const [oidcModule, jwks] = await Promise.all([loadOidcProvider(), generateSigningKeys()]);

  // The issuer contains the port, so bind first and only then build the provider.
  const server = createServer();
  const port = await listen(server, options.port ?? 0);
  const issuer = `http://127.0.0.1:${port}`;
  const apiUrl = `${issuer}${API_PATH}`;
  const store = new MemoryStore();

  let instrumentation: Instrumentation;
  try {
    instrumentation = await mount(oidcModule, server, { issuer, apiUrl, settings, jwks, store });
  } catch (error) {
    // A bad client registration must not leave a listening server behind.
    await shutdown(server);
    throw error;
  }

  let closing: Promise<void> | undefined;
  return {
    issuer,
    name: settings.name,
    authorizationUrl: `${issuer}${ROUTES.authorization}`,
    tokenUrl: `${issuer}${ROUTES.token}`,
    revocationUrl: `${issuer}${ROUTES.revocation}`,
    userinfoUrl: `${issuer}${ROUTES.userinfo}`,
    introspectionUrl: `${issuer}${ROUTES.introspection}`,
    apiUrl,
    clients: settings.clients,
    counts: instrumentation.counts,
    consent: (authorizationUrl, consentOptions) => driveConsent(issuer, authorizationUrl, consentOptions),
    failNext: (endpoint, response) => instrumentation.failNext(endpoint, response),
    revokeAllFor: async (user) => {
      store.revokeGrantsOf(user);
    },
    close: () => (closing ??= shutdown(server)),
  };
}

/** Builds the provider and puts our routes in front of oidc-provider's own. */
async function mount(
  { Provider, errors }: OidcProviderModule,
  server: Server,
  input: { issuer: string; apiUrl: string; settings: Settings; jwks: { keys: JWK[] }; store: MemoryStore },
): Promise<Instrumentation> {
  const provider = new Provider(input.issuer, buildConfiguration(input.settings, { store: input.store, jwks: input.jwks, errors }));
  requireRegisteredSecretMethod(provider, () => Provider.ctx);
  // oidc-provider validates static clients on first use; a typo in a redirect URI should fail here, not mid-test.
  for (const client of input.settings.clients) {
    try {
      await provider.Client.find(client.clientId);
    } catch (error) {
      const detail = (error as { error_description?: unknown }).error_description;
      throw new TypeError(`client ${client.clientId}: ${typeof detail === "string" ? detail : String(error)}`, { cause: error });
    }
  }
  // Errors oidc-provider turns into 500 answers would otherwise vanish; client mistakes (4xx) stay quiet.
  provider.on("server_error", (_ctx: unknown, error: unknown) => console.error(`dev-provider ${input.issuer}:`, error));

  const instrumentation = new Instrumentation(ROUTES);
  provider.use(instrumentation.middleware());
  provider.use(interactionRoutes(provider, input.settings.name));
  provider.use(resourceApi(provider, input.apiUrl));
  server.on("request", provider.callback());
  return instrumentation;
}

function settingsFrom(options: DevProviderOptions): Settings {
  const accessTokenTtl = options.accessTokenTtlSeconds ?? 3600;
  if (!Number.isInteger(accessTokenTtl) || accessTokenTtl < 1) {
    throw new RangeError("accessTokenTtlSeconds must be a positive integer");
  }
  return {
    name: options.name ?? "Dev Provider",
    clients: (options.clients ?? [DEFAULT_CLIENT]).map(withDefaults),
    scopes: options.scopes ?? DEFAULT_SCOPES,
    accessTokenTtl,
    refreshTokens: options.refreshTokens ?? true,
    rotateRefreshTokens: options.rotateRefreshTokens ?? true,
  };
}

function withDefaults(client: DevClient): DevClient {
  const method = client.tokenEndpointAuthMethod ?? "client_secret_basic";
  if (method !== "none" && !client.clientSecret) {
    throw new TypeError(`client ${client.clientId}: clientSecret is required for ${method}`);
  }
  if (client.redirectUris.length === 0) throw new TypeError(`client ${client.clientId}: redirectUris is empty`);
  return {
    ...client,
    redirectUris: [...client.redirectUris],
    tokenEndpointAuthMethod: method,
    grantTypes: [...(client.grantTypes ?? ["authorization_code", "refresh_token"])],
  };
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    // Loopback only: the provider accepts any username, it must never be reachable from the network.
    server.listen(port, "127.0.0.1", () => {
      server.off("error", reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

function shutdown(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    // A plain close() waits for busy keep-alive sockets and half-sent requests.
    server.closeAllConnections();
  });
}
