import { connect } from "node:net";
import * as oidc from "openid-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_CLIENT, startDevProvider } from "./provider.ts";
import { discoverClient, getMe, oauthErrorOf, obtainTokens } from "./testing/oauth-flow.ts";
import type { DevClient, DevProvider } from "./types.ts";

const VENDOR_CLIENT: DevClient = {
  clientId: "other-app",
  clientSecret: "other-secret",
  redirectUris: ["http://127.0.0.1:9999/oauth/callback/other"],
  tokenEndpointAuthMethod: "client_secret_post",
};

describe("dev provider: two differently configured instances in one process", () => {
  let github: DevProvider;
  let vendor: DevProvider;

  beforeAll(async () => {
    [github, vendor] = await Promise.all([
      startDevProvider(),
      startDevProvider({
        clients: [VENDOR_CLIENT],
        accessTokenTtlSeconds: 60,
        refreshTokens: false,
        scopes: ["files.read"],
        name: "Other Vendor",
      }),
    ]);
  });
  afterAll(() => Promise.all([github.close(), vendor.close()]));

  it("run side by side with their own clients, settings and tokens", async () => {
    expect(github.issuer).not.toBe(vendor.issuer);
    const [githubConfig, vendorConfig] = await Promise.all([
      discoverClient(github, DEFAULT_CLIENT),
      discoverClient(vendor, VENDOR_CLIENT),
    ]);

    const [githubTokens, vendorTokens] = await Promise.all([
      obtainTokens(github, githubConfig, { redirectUri: "http://localhost:8787/oauth/callback/github", scope: "repo", user: "alice" }),
      obtainTokens(vendor, vendorConfig, { redirectUri: VENDOR_CLIENT.redirectUris[0] ?? "", scope: "files.read", user: "alice" }),
    ]);

    expect(githubTokens.refresh_token).toBeTruthy();
    expect(githubTokens.expires_in).toBe(3600);
    expect(vendorTokens.refresh_token).toBeUndefined();
    expect(vendorTokens.expires_in).toBe(60);

    expect(await (await getMe(vendor, vendorTokens.access_token)).json()).toEqual({
      sub: "alice",
      scopes: ["files.read"],
      client_id: "other-app",
    });
    // Each instance knows only its own tokens and clients.
    expect((await getMe(vendor, githubTokens.access_token)).status).toBe(401);
    expect((await getMe(github, vendorTokens.access_token)).status).toBe(401);
    expect(github.counts.token).toBe(1);
    expect(vendor.counts.token).toBe(1);
  });

  it("enforces each client's registered token endpoint authentication method", async () => {
    // oidc-provider alone would accept either; a client must send its secret the registered way.
    const basicToPost = await discoverClient(vendor, { ...VENDOR_CLIENT, tokenEndpointAuthMethod: "client_secret_basic" });
    expect(await oauthErrorOf(oidc.refreshTokenGrant(basicToPost, "whatever"))).toBe("invalid_client");
    const postToBasic = await discoverClient(github, { ...DEFAULT_CLIENT, tokenEndpointAuthMethod: "client_secret_post" });
    expect(await oauthErrorOf(oidc.refreshTokenGrant(postToBasic, "whatever"))).toBe("invalid_client");

    // The registered methods get past client authentication (and fail later, on the bogus token).
    const post = await discoverClient(vendor, VENDOR_CLIENT);
    expect(await oauthErrorOf(oidc.refreshTokenGrant(post, "whatever"))).toBe("invalid_grant");
    const basic = await discoverClient(github, DEFAULT_CLIENT);
    expect(await oauthErrorOf(oidc.refreshTokenGrant(basic, "whatever"))).toBe("invalid_grant");
  });

  it("knows only the scopes it was configured with", async () => {
    const config = await discoverClient(vendor, VENDOR_CLIENT);
    const tokens = await obtainTokens(vendor, config, {
      redirectUri: VENDOR_CLIENT.redirectUris[0] ?? "",
      scope: "files.read repo",
      user: "bob",
    });
    // oidc-provider drops scopes it does not know rather than failing the request.
    expect(tokens.scope).toBe("files.read");
  });
});

describe("dev provider: start-up validation", () => {
  it("refuses invalid clients and options at start", async () => {
    await expect(startDevProvider({ clients: [{ clientId: "x", clientSecret: "y", redirectUris: ["not a url"] }] })).rejects.toThrow(
      /client x: redirect_uris/,
    );
    await expect(startDevProvider({ clients: [{ clientId: "x", redirectUris: ["http://127.0.0.1:1/cb"] }] })).rejects.toThrow(
      /clientSecret is required/,
    );
    await expect(startDevProvider({ accessTokenTtlSeconds: 0 })).rejects.toThrow(RangeError);
  });

  it("supports public clients (token_endpoint_auth_method none) with PKCE", async () => {
    const client: DevClient = { clientId: "spa", redirectUris: ["http://127.0.0.1:5173/callback"], tokenEndpointAuthMethod: "none" };
    const provider = await startDevProvider({ clients: [client] });
    try {
      const config = await discoverClient(provider, client);
      const tokens = await obtainTokens(provider, config, { redirectUri: "http://127.0.0.1:5173/callback", scope: "repo", user: "pat" });
      expect((await getMe(provider, tokens.access_token)).status).toBe(200);
    } finally {
      await provider.close();
    }
  });
});

describe("dev provider: close()", () => {
  it("ends open connections at once and stops listening", async () => {
    const provider = await startDevProvider();
    const { port } = new URL(provider.issuer);
    // A request whose headers never finish keeps its socket busy; a plain server.close() would wait for it.
    const socket = connect(Number(port), "127.0.0.1");
    socket.on("error", () => {}); // the reset is the point of the test
    await new Promise<void>((resolve) => socket.once("connect", () => resolve()));
    socket.write("GET /jwks HTTP/1.1\r\nHost: 127.0.0.1\r\n");
    const socketClosed = new Promise<void>((resolve) => socket.once("close", () => resolve()));

    const outcome = await Promise.race([
      provider.close().then(() => "closed" as const),
      new Promise<"stuck">((resolve) => setTimeout(() => resolve("stuck"), 3_000)),
    ]);
    expect(outcome).toBe("closed");
    await socketClosed;
    await expect(fetch(`${provider.issuer}/.well-known/openid-configuration`)).rejects.toThrow();
    // close() is idempotent.
    await provider.close();
  });
});
