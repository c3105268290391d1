import { describe, expect, it } from "vitest";
import { ConfigurationError } from "../errors/errors.ts";
import { buildAuthorizationUrl } from "../oauth/authorization-url.ts";
import { providers, type CatalogProviderName } from "./catalog/index.ts";
import { defineProvider } from "./define.ts";
import { catalogNames, sampleCredentials, sampleEntry } from "./catalog-samples.fixture.ts";
import type { ClientAuthMethod, ProviderDefinition } from "./types.ts";

const creds = sampleCredentials;
const build = (name: CatalogProviderName) => sampleEntry(name);
const names = catalogNames;
const entries = names.map((name) => [name, build(name)] as const);
const KNOWN_AUTH: readonly ClientAuthMethod[] = ["client_secret_basic", "client_secret_post", "none"];

function urlOf(entry: ProviderDefinition, scopes?: readonly string[]): URL {
  return buildAuthorizationUrl(entry, {
    redirectUri: `https://app.example.com/oauth/callback/${entry.id}`,
    scopes: scopes ?? entry.scopes ?? [],
    state: "state-abc",
    codeChallenge: "challenge-xyz",
  });
}

describe("providers catalog: every entry", () => {
  it("has at least 70 providers, each with a unique id", () => {
    expect(names.length).toBeGreaterThanOrEqual(70);
    expect(new Set(entries.map(([, e]) => e.id)).size).toBe(entries.length);
  });

  it.each(entries)("%s: id, name, https endpoints, client auth, scopes", (name, entry) => {
    expect(entry.id).toBe(name);
    expect(entry.id).toMatch(/^[a-z0-9_-]+$/);
    expect(entry.name.trim()).not.toBe("");
    for (const key of ["authorizationUrl", "tokenUrl", "revocationUrl", "userinfoUrl", "issuer", "docsUrl"] as const) {
      const value = entry[key];
      if (key === "authorizationUrl" || key === "tokenUrl") expect(value, key).toBeTypeOf("string");
      if (value !== undefined) expect(new URL(value).protocol, `${name} ${key}`).toBe("https:");
    }
    expect(KNOWN_AUTH).toContain(entry.clientAuth);
    expect(entry.clientAuth).not.toBe("none");
    expect(Array.isArray(entry.scopes)).toBe(true);
    expect([" ", ","]).toContain(entry.scopeSeparator);
    expect(entry.clientId).toBe(creds.clientId);
    expect(entry.clientSecret).toBe(creds.clientSecret);
  });

  it.each(entries)("%s: passes defineProvider (the broker's own check)", (_name, entry) => {
    expect(() => defineProvider(entry)).not.toThrow();
  });

  it.each(entries)("%s: builds an authorization URL with PKCE S256", (_name, entry) => {
    const url = urlOf(entry);
    expect(url.searchParams.get("client_id")).toBe(creds.clientId);
    expect(url.searchParams.get("response_type")).toBe("code");
    expect(url.searchParams.get("code_challenge")).toBe("challenge-xyz");
    expect(url.searchParams.get("code_challenge_method")).toBe("S256");
  });

  it.each(entries)("%s: joins requested scopes with its separator", (_name, entry) => {
    const url = urlOf(entry, ["a:read", "b:write"]);
    expect(url.searchParams.get(entry.quirks?.scopeParam ?? "scope")).toBe(`a:read${entry.scopeSeparator}b:write`);
  });
});

describe("providers catalog: credentials", () => {
  it("lets credentials.id and credentials.scopes replace the defaults", () => {
    const entry = providers.github({ ...creds, id: "github-work", scopes: ["repo", "read:org"] });
    expect(entry.id).toBe("github-work");
    expect(entry.scopes).toEqual(["repo", "read:org"]);
    expect(providers.google({ ...creds, scopes: [] }).scopes).toEqual([]);
  });

  it("makes an app without a secret a public client (PKCE only)", () => {
    const entry = providers.x({ clientId: "public-app" });
    expect(entry.clientAuth).toBe("none");
    expect("clientSecret" in entry).toBe(false);
    expect(() => defineProvider(entry)).not.toThrow();
  });

  it("keeps factory options out of the definition", () => {
    const entry = providers.microsoft({ ...creds, tenant: "organizations" });
    expect(Object.keys(entry)).not.toContain("tenant");
    expect(Object.keys(providers.slack({ ...creds, botScopes: ["chat:write"] }))).not.toContain("botScopes");
  });

  it("returns a fresh scopes array, so callers cannot mutate the catalog", () => {
    const a = providers.google(creds);
    (a.scopes as string[]).push("https://www.googleapis.com/auth/drive");
    expect(providers.google(creds).scopes).toEqual(["openid", "email", "profile"]);
  });
});

describe("providers catalog: quirks", () => {
  it("GitHub: errors with HTTP 200 flagged, no revocation endpoint", () => {
    const entry = providers.github(creds);
    expect(entry.quirks?.tokenErrorsWithStatus200).toBe(true);
    expect(entry.revocationUrl).toBeUndefined();
    expect(entry.tokenUrl).toBe("https://github.com/login/oauth/access_token");
  });

  it("Slack: user scopes in user_scope, token under authed_user, bot scopes in scope", () => {
    const entry = providers.slack({ ...creds, botScopes: ["chat:write", "commands"] });
    expect(entry.quirks?.scopeParam).toBe("user_scope");
    expect(entry.quirks?.tokenResponseMember).toBe("authed_user");
    expect(entry.quirks?.tokenErrorsWithStatus200).toBe(true);
    expect(entry.quirks?.nonStandardTokenType).toBe(true);
    expect(entry.scopeSeparator).toBe(",");
    const url = urlOf(entry, ["channels:read", "groups:read"]);
    expect(url.origin + url.pathname).toBe("https://slack.com/oauth/v2/authorize");
    expect(url.searchParams.get("user_scope")).toBe("channels:read,groups:read");
    expect(url.searchParams.get("scope")).toBe("chat:write,commands");
    expect(providers.slack(creds).authorizationParams).toBeUndefined();
    expect(urlOf(providers.slack(creds), ["users:read"]).searchParams.has("scope")).toBe(false);
  });

  it("Google: offline access with forced consent, OIDC issuer, revocation", () => {
    const entry = providers.google(creds);
    expect(entry.issuer).toBe("https://accounts.google.com");
    expect(entry.revocationUrl).toBe("https://oauth2.googleapis.com/revoke");
    expect(entry.authorizationParams).toMatchObject({ access_type: "offline", prompt: "consent" });
    const url = urlOf(entry, ["openid", "https://www.googleapis.com/auth/gmail.readonly"]);
    expect(url.searchParams.get("access_type")).toBe("offline");
    expect(url.searchParams.get("prompt")).toBe("consent");
    expect(url.searchParams.get("scope")).toBe("openid https://www.googleapis.com/auth/gmail.readonly");
  });

  it("Dropbox: token_access_type=offline", () => {
    const url = urlOf(providers.dropbox(creds));
    expect(url.searchParams.get("token_access_type")).toBe("offline");
  });

  it("Atlassian: audience, prompt=consent and offline_access", () => {
    const entry = providers.atlassian(creds);
    expect(entry.scopes).toContain("offline_access");
    const url = urlOf(entry);
    expect(url.searchParams.get("audience")).toBe("api.atlassian.com");
    expect(url.searchParams.get("prompt")).toBe("consent");
    expect(url.searchParams.get("scope")).toBe("read:me offline_access");
  });

  it("Microsoft: tenant in the URL path, common by default, offline_access", () => {
    const common = providers.microsoft(creds);
    expect(common.authorizationUrl).toBe("https://login.microsoftonline.com/common/oauth2/v2.0/authorize");
    expect(common.tokenUrl).toBe("https://login.microsoftonline.com/common/oauth2/v2.0/token");
    expect(common.scopes).toContain("offline_access");
    // A multi-tenant app has no single issuer.
    expect(common.issuer).toBeUndefined();

    const tenantId = "72f988bf-86f1-41af-91ab-2d7cd011db47";
    const single = providers.microsoft({ ...creds, tenant: tenantId });
    expect(single.authorizationUrl).toBe(`https://login.microsoftonline.com/${tenantId}/oauth2/v2.0/authorize`);
    expect(single.tokenUrl).toBe(`https://login.microsoftonline.com/${tenantId}/oauth2/v2.0/token`);
    expect(single.issuer).toBe(`https://login.microsoftonline.com/${tenantId}/v2.0`);
    expect(urlOf(single).pathname).toBe(`/${tenantId}/oauth2/v2.0/authorize`);

    const domain = providers.microsoft({ ...creds, tenant: "contoso.onmicrosoft.com" });
    expect(domain.tokenUrl).toBe("https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/token");
    expect(providers.microsoft({ ...creds, tenant: "consumers" }).issuer).toBe(
      "https://login.microsoftonline.com/9188040d-6c67-4c5b-b112-36a304b66dad/v2.0",
    );
  });

  it("Microsoft: refuses a tenant that would change the URL path", () => {
    for (const tenant of ["", "a/b", "..", "common?x=1", "evil.com#"]) {
      expect(() => providers.microsoft({ ...creds, tenant }), tenant).toThrow(ConfigurationError);
    }
  });

  it("GitLab: gitlab.com by default, self-managed via baseUrl", () => {
    const saas = providers.gitlab(creds);
    expect(saas.authorizationUrl).toBe("https://gitlab.com/oauth/authorize");
    expect(saas.issuer).toBe("https://gitlab.com");
    const own = providers.gitlab({ ...creds, baseUrl: "https://git.example.com/gitlab/" });
    expect(own.authorizationUrl).toBe("https://git.example.com/gitlab/oauth/authorize");
    expect(own.tokenUrl).toBe("https://git.example.com/gitlab/oauth/token");
    expect(own.revocationUrl).toBe("https://git.example.com/gitlab/oauth/revoke");
    expect(own.issuer).toBe("https://git.example.com/gitlab");
    // Loopback http for local development, as everywhere else; never plain http on a network.
    expect(providers.gitlab({ ...creds, baseUrl: "http://127.0.0.1:8929" }).tokenUrl).toBe("http://127.0.0.1:8929/oauth/token");
    expect(() => providers.gitlab({ ...creds, baseUrl: "http://git.example.com" })).toThrow(ConfigurationError);
    expect(() => providers.gitlab({ ...creds, baseUrl: "https://git.example.com/?a=1" })).toThrow(ConfigurationError);
  });

  it("Salesforce: login.salesforce.com by default, test and My Domain via domain", () => {
    expect(providers.salesforce(creds).authorizationUrl).toBe("https://login.salesforce.com/services/oauth2/authorize");
    expect(providers.salesforce({ ...creds, domain: "test.salesforce.com" }).tokenUrl).toBe(
      "https://test.salesforce.com/services/oauth2/token",
    );
    const mine = providers.salesforce({ ...creds, domain: "https://Acme.my.salesforce.com/" });
    expect(mine.authorizationUrl).toBe("https://acme.my.salesforce.com/services/oauth2/authorize");
    expect(mine.revocationUrl).toBe("https://acme.my.salesforce.com/services/oauth2/revoke");
    expect(() => providers.salesforce({ ...creds, domain: "acme.my.salesforce.com/evil" })).toThrow(ConfigurationError);
  });

  it("Notion: HTTP Basic client auth and owner=user", () => {
    const entry = providers.notion(creds);
    expect(entry.clientAuth).toBe("client_secret_basic");
    const url = urlOf(entry);
    expect(url.searchParams.get("owner")).toBe("user");
    expect(url.searchParams.has("scope")).toBe(false);
  });

  it("X: HTTP Basic, offline.access, PKCE", () => {
    const entry = providers.x(creds);
    expect(entry.clientAuth).toBe("client_secret_basic");
    expect(entry.quirks?.noPkce).not.toBe(true);
    const url = urlOf(entry);
    expect(url.searchParams.get("scope")).toBe("tweet.read users.read offline.access");
    expect(url.searchParams.get("code_challenge_method")).toBe("S256");
  });

  it("Comma-separated scopes: Linear, Strava, Reddit, Figma, Facebook, Shopify", () => {
    expect(urlOf(providers.linear(creds), ["read", "write"]).searchParams.get("scope")).toBe("read,write");
    expect(urlOf(providers.strava(creds), ["read", "activity:read_all"]).searchParams.get("scope")).toBe("read,activity:read_all");
    expect(urlOf(providers.reddit(creds), ["identity", "read"]).searchParams.get("scope")).toBe("identity,read");
    expect(urlOf(providers.figma(creds), ["current_user:read", "file_content:read"]).searchParams.get("scope")).toBe(
      "current_user:read,file_content:read",
    );
    expect(urlOf(providers.facebook(creds)).searchParams.get("scope")).toBe("public_profile,email");
    expect(urlOf(providers.shopify({ ...creds, shop: "acme" }), ["read_orders", "write_products"]).searchParams.get("scope")).toBe(
      "read_orders,write_products",
    );
  });

  it("Comma-separated scopes: Pinterest, Todoist, Withings, Kakao, Zoho", () => {
    for (const name of ["pinterest", "todoist", "withings", "kakao", "zoho"] as const) expect(build(name).scopeSeparator, name).toBe(",");
  });

  it("Withings: action=requesttoken on every token request, the token nested in `body`, errors with HTTP 200", () => {
    const entry = providers.withings(creds);
    expect(entry.tokenParams).toEqual({ action: "requesttoken" });
    expect(entry.quirks).toMatchObject({ tokenResponseMember: "body", tokenErrorsWithStatus200: true });
  });

  it("Mastodon, Gitea, authentik, Nextcloud, Mattermost: URLs under the server's base URL", () => {
    const masto = providers.mastodon({ ...creds, baseUrl: "https://mastodon.social/" });
    expect([masto.authorizationUrl, masto.tokenUrl, masto.revocationUrl]).toEqual([
      "https://mastodon.social/oauth/authorize",
      "https://mastodon.social/oauth/token",
      "https://mastodon.social/oauth/revoke",
    ]);
    expect(providers.gitea(creds).tokenUrl).toBe("https://gitea.com/login/oauth/access_token");
    expect(providers.gitea({ ...creds, baseUrl: "https://codeberg.org" }).authorizationUrl).toBe("https://codeberg.org/login/oauth/authorize");

    const ak = providers.authentik({ ...creds, baseUrl: "https://auth.example.com" });
    expect(ak.tokenUrl).toBe("https://auth.example.com/application/o/token/");
    expect(ak.issuer).toBeUndefined();
    expect(providers.authentik({ ...creds, baseUrl: "https://auth.example.com", application: "agent" }).issuer).toBe(
      "https://auth.example.com/application/o/agent/",
    );
    expect(() => providers.authentik({ ...creds, baseUrl: "https://auth.example.com", application: "../x" })).toThrow(ConfigurationError);

    expect(providers.nextcloud({ ...creds, baseUrl: "https://cloud.example.com/nc" }).tokenUrl).toBe("https://cloud.example.com/nc/apps/oauth2/api/v1/token");
    expect(providers.mattermost({ ...creds, baseUrl: "https://chat.example.com" }).tokenUrl).toBe("https://chat.example.com/oauth/access_token");
    for (const factory of [providers.mastodon, providers.nextcloud, providers.mattermost]) {
      expect(() => factory({ ...creds, baseUrl: "http://chat.example.com" })).toThrow(ConfigurationError);
    }
  });

  it("Amazon Cognito and Zoho: endpoints on the domain you give", () => {
    const pool = providers.cognito({ ...creds, domain: "https://acme.auth.us-east-1.amazoncognito.com/" });
    expect(pool.tokenUrl).toBe("https://acme.auth.us-east-1.amazoncognito.com/oauth2/token");
    expect(pool.userinfoUrl).toBe("https://acme.auth.us-east-1.amazoncognito.com/oauth2/userInfo");
    expect(() => providers.cognito({ ...creds, domain: "acme.example.com/evil" })).toThrow(ConfigurationError);

    expect(providers.zoho(creds).tokenUrl).toBe("https://accounts.zoho.com/oauth/v2/token");
    const eu = providers.zoho({ ...creds, accountsServer: "accounts.zoho.eu" });
    expect(eu.authorizationUrl).toBe("https://accounts.zoho.eu/oauth/v2/auth");
    expect(urlOf(eu).searchParams.get("access_type")).toBe("offline");
  });

  it("Reddit: duration=permanent and HTTP Basic", () => {
    const entry = providers.reddit(creds);
    expect(entry.clientAuth).toBe("client_secret_basic");
    expect(urlOf(entry).searchParams.get("duration")).toBe("permanent");
  });

  it("HTTP Basic where the provider requires it; form fields where it documents them", () => {
    const basic = [
      ...["spotify", "zoom", "fitbit", "paypal", "snapchat", "bitbucket", "figma"],
      ...["airtable", "autodesk", "bungie", "canva", "cognito", "epicgames", "intuit", "pinterest", "pipedrive", "roblox", "yandex"],
    ] as const;
    for (const name of basic) expect(build(name).clientAuth, name).toBe("client_secret_basic");
    const post = [
      ...["hubspot", "box", "atlassian", "linear", "stripe", "github", "strava"],
      ...["calendly", "kakao", "line", "mailchimp", "mastodon", "todoist", "withings", "zoho"],
    ] as const;
    for (const name of post) expect(build(name).clientAuth, name).toBe("client_secret_post");
  });

  it("PayPal: live by default, sandbox option", () => {
    expect(providers.paypal(creds).tokenUrl).toBe("https://api-m.paypal.com/v1/oauth2/token");
    const sandbox = providers.paypal({ ...creds, sandbox: true });
    expect(sandbox.authorizationUrl).toBe("https://www.sandbox.paypal.com/signin/authorize");
    expect(sandbox.tokenUrl).toBe("https://api-m.sandbox.paypal.com/v1/oauth2/token");
  });

  it("Okta, Auth0, Keycloak, Zendesk, Shopify: URLs from the tenant options", () => {
    const orgServer = providers.okta({ ...creds, domain: "acme.okta.com" });
    expect(orgServer.issuer).toBe("https://acme.okta.com");
    expect(orgServer.tokenUrl).toBe("https://acme.okta.com/oauth2/v1/token");
    const custom = providers.okta({ ...creds, domain: "acme.okta.com", authorizationServerId: "default" });
    expect(custom.issuer).toBe("https://acme.okta.com/oauth2/default");
    expect(custom.authorizationUrl).toBe("https://acme.okta.com/oauth2/default/v1/authorize");

    const a0 = providers.auth0({ ...creds, domain: "acme.us.auth0.com", audience: "https://api.acme.test" });
    expect(a0.issuer).toBe("https://acme.us.auth0.com/");
    expect(urlOf(a0).searchParams.get("audience")).toBe("https://api.acme.test");

    const kc = providers.keycloak({ ...creds, baseUrl: "https://sso.example.com/", realm: "acme" });
    expect(kc.issuer).toBe("https://sso.example.com/realms/acme");
    expect(kc.authorizationUrl).toBe("https://sso.example.com/realms/acme/protocol/openid-connect/auth");
    expect(() => providers.keycloak({ ...creds, baseUrl: "https://sso.example.com", realm: "../master" })).toThrow(ConfigurationError);

    expect(providers.zendesk({ ...creds, subdomain: "Acme" }).tokenUrl).toBe("https://acme.zendesk.com/oauth/tokens");
    expect(providers.shopify({ ...creds, shop: "acme.myshopify.com" }).tokenUrl).toBe(
      "https://acme.myshopify.com/admin/oauth/access_token",
    );
    expect(() => providers.shopify({ ...creds, shop: "evil.com/x" })).toThrow(ConfigurationError);
  });

  it("Token responses that are not RFC 6749-shaped are flagged", () => {
    expect(providers.shopify({ ...creds, shop: "acme" }).quirks?.nonStandardTokenType).toBe(true);
    expect(providers.mailchimp(creds).quirks).toMatchObject({ expiresInZeroMeansNoExpiry: true, nullMembersInTokenResponse: true });
    for (const name of ["box", "bitbucket", "strava", "notion", "hubspot", "facebook"] as const) {
      expect(build(name).quirks?.scopesOmittedInTokenResponse, name).toBe(true);
    }
  });
});
