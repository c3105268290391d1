import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConfigurationError } from "@langgraph-oauth/core";
import { startDevProvider, type DevProvider } from "@langgraph-oauth/dev-provider";
import { ConfigFileError, createBrokerFromConfig, loadConfigFile, parseConfig } from "./config.ts";

const base = { callbackUrl: "http://127.0.0.1:8787/oauth/callback" };

function problemsOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigFileError);
    expect(error).toBeInstanceOf(ConfigurationError);
    return (error as ConfigFileError).problems;
  }
  throw new Error("expected a ConfigFileError");
}

describe("parseConfig", () => {
  it("catalog entry with default env credentials, defaults for port and host, keys from env", () => {
    const config = parseConfig(
      { ...base, providers: [{ catalog: "github" }] },
      { GITHUB_CLIENT_ID: "gh-id", GITHUB_CLIENT_SECRET: "gh-secret", LANGGRAPH_OAUTH_API_KEY: "k".repeat(20), LANGGRAPH_OAUTH_ENCRYPTION_KEY: "ek" },
    );
    expect(config).toMatchObject({ port: 8787, host: "127.0.0.1", apiKey: "k".repeat(20), encryptionKey: "ek", callbackUrl: base.callbackUrl });
    const [source] = config.providers;
    if (source?.kind !== "definition") throw new Error("expected a definition");
    expect(source.definition).toMatchObject({ id: "github", name: "GitHub", clientId: "gh-id", clientSecret: "gh-secret" });
    expect(source.definition.authorizationUrl).toBe("https://github.com/login/oauth/authorize");
  });

  it("a custom id changes the default variable names; { env } references and provider options pass through", () => {
    const config = parseConfig(
      {
        ...base,
        providers: [
          { catalog: "github", id: "github-work", scopes: ["repo"] },
          { catalog: "okta", domain: { env: "OKTA_DOMAIN" }, clientId: { env: "MY_OKTA_ID" }, clientSecret: "literal-secret" },
        ],
      },
      { GITHUB_WORK_CLIENT_ID: "w-id", OKTA_DOMAIN: "acme.okta.com", MY_OKTA_ID: "okta-id" },
    );
    const [gh, okta] = config.providers;
    if (gh?.kind !== "definition" || okta?.kind !== "definition") throw new Error("expected definitions");
    expect(gh.definition).toMatchObject({ id: "github-work", clientId: "w-id", scopes: ["repo"], clientAuth: "none" });
    expect(okta.definition).toMatchObject({ id: "okta", clientId: "okta-id", clientSecret: "literal-secret", issuer: "https://acme.okta.com" });
  });

  it("explicit endpoints and issuer discovery entries", () => {
    const config = parseConfig(
      {
        ...base,
        providers: [
          { id: "acme", name: "Acme", authorizationUrl: "https://acme.example/authorize", tokenUrl: "https://acme.example/token", clientId: "a", clientSecret: { env: "ACME_SECRET" }, scopes: ["read"] },
          { id: "corp", issuer: "https://login.corp.example", clientId: "c" },
        ],
      },
      { ACME_SECRET: "s3" },
    );
    expect(config.providers[0]).toMatchObject({ kind: "definition", definition: { id: "acme", name: "Acme", clientSecret: "s3", scopes: ["read"] } });
    expect(config.providers[1]).toEqual({ kind: "discovery", options: { id: "corp", issuer: "https://login.corp.example", clientId: "c" } });
  });

  it("lists every problem at once, each with its location, without echoing secrets", () => {
    const problems = problemsOf(() =>
      parseConfig(
        {
          callbackUrl: "not a url",
          port: 70000,
          apiKey: "do-not-echo-this-key",
          extra: true,
          providers: [
            { catalog: "github" },
            { catalog: "nosuch", clientId: "x" },
            { id: "bad id!", authorizationUrl: "https://a", tokenUrl: "https://b", clientId: "x" },
            { id: "plain", authorizationUrl: "http://acme.example/auth", tokenUrl: "http://acme.example/token", clientId: "x" },
            { clientId: "x" },
            { id: "e", issuer: "https://i.example", clientId: { env: "MISSING_VAR" } },
          ],
        },
        {},
      ),
    );
    const text = problems.join("\n");
    expect(text).toContain("apiKey: keep it out of the config file; set LANGGRAPH_OAUTH_API_KEY");
    expect(text).toMatch(/callbackUrl: /);
    expect(text).toMatch(/port: /);
    expect(text).toMatch(/extra/);
    expect(text).not.toContain("do-not-echo-this-key");
  });

  it("provider problems are reported together once the top level is valid", () => {
    const text = problemsOf(() =>
      parseConfig(
        {
          ...base,
          providers: [
            { catalog: "github" },
            { catalog: "nosuch", clientId: "x" },
            { id: "bad id!", authorizationUrl: "https://a.example", tokenUrl: "https://b.example", clientId: "x" },
            { id: "plain", authorizationUrl: "http://acme.example/auth", tokenUrl: "http://acme.example/token", clientId: "x" },
            { clientId: "x" },
            { id: "e", issuer: "https://i.example", clientId: { env: "MISSING_VAR" } },
            { catalog: "okta", clientId: "x" },
          ],
        },
        {},
      ),
    ).join("\n");
    expect(text).toContain("providers[0].clientId: set GITHUB_CLIENT_ID");
    expect(text).toContain('providers[1].catalog: unknown catalog provider "nosuch"; known: airtable, amazon,');
    expect(text).toContain("providers[2].id:");
    expect(text).toMatch(/providers\[3\]: .*https/);
    expect(text).toContain('providers[4]: give "catalog"');
    expect(text).toContain("providers[5].clientId: environment variable MISSING_VAR is not set");
    expect(text).toMatch(/providers\[6\]: .*domain/i);
  });

  it("duplicate provider ids and an empty provider list are errors", () => {
    expect(problemsOf(() => parseConfig({ ...base, providers: [{ catalog: "github", clientId: "a" }, { catalog: "github", clientId: "b" }] }, {})).join()).toContain(
      'id "github" is also used by providers[0]',
    );
    expect(problemsOf(() => parseConfig({ ...base, providers: [] }, {})).join()).toContain("at least one provider");
    expect(problemsOf(() => parseConfig("nope", {})).join()).toMatch(/\(root\)/);
  });

  it("an empty env var counts as unset; an empty API key disables the API rather than being a key", () => {
    const config = parseConfig({ ...base, providers: [{ catalog: "github", clientId: "a" }] }, { LANGGRAPH_OAUTH_API_KEY: "", GITHUB_CLIENT_SECRET: "" });
    expect(config.apiKey).toBeUndefined();
    const [gh] = config.providers;
    expect(gh?.kind === "definition" && gh.definition.clientSecret).toBeFalsy();
  });
});

describe("loadConfigFile and createBrokerFromConfig", () => {
  let dir: string;
  let dev: DevProvider;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "lgo-config-"));
    dev = await startDevProvider({ clients: [{ clientId: "cfg", clientSecret: "cfg-secret", redirectUris: ["http://127.0.0.1:8787/oauth/callback/dev"] }] });
  });
  afterAll(async () => {
    await dev?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("reads JSON and discovers an issuer into a working broker", async () => {
    const file = join(dir, "c.json");
    await writeFile(file, JSON.stringify({ ...base, port: 0, providers: [{ id: "dev", issuer: dev.issuer, clientId: "cfg", clientSecret: { env: "DEV_SECRET" } }] }));
    const config = await loadConfigFile(file, { DEV_SECRET: "cfg-secret" });
    const broker = await createBrokerFromConfig(config);
    expect(broker.providers[0]).toMatchObject({ id: "dev", issuer: dev.issuer, tokenUrl: dev.tokenUrl, clientSecret: "cfg-secret" });
    const pending = await broker.authenticate({ userId: "u", provider: "dev", scopes: ["repo"] });
    expect(pending.status).toBe("pending");
  });

  it("reads a JS module's default export (an object or a function)", async () => {
    const mjs = join(dir, "c.mjs");
    await writeFile(mjs, `export default async () => (${JSON.stringify({ ...base, providers: [{ catalog: "github", clientId: "m" }] })});`);
    expect((await loadConfigFile(mjs, {})).providers[0]).toMatchObject({ definition: { clientId: "m" } });
    const ts = join(dir, "c.ts");
    await writeFile(ts, `const config: { callbackUrl: string; providers: unknown[] } = ${JSON.stringify({ ...base, providers: [{ catalog: "google", clientId: "t" }] })};\nexport default config;`);
    expect((await loadConfigFile(ts, {})).providers[0]).toMatchObject({ definition: { id: "google", clientId: "t" } });
  });

  it("clear errors for missing, malformed and unsupported files, and for failed discovery", async () => {
    await expect(loadConfigFile(join(dir, "missing.json"), {})).rejects.toThrow(/Cannot read config file .*ENOENT/);
    const bad = join(dir, "bad.json");
    await writeFile(bad, "{ nope");
    await expect(loadConfigFile(bad, {})).rejects.toThrow(/not valid JSON/);
    await expect(loadConfigFile(join(dir, "c.yaml"), {})).rejects.toThrow(/use \.json, \.js/);
    const nodefault = join(dir, "nodefault.mjs");
    await writeFile(nodefault, "export const x = 1;");
    await expect(loadConfigFile(nodefault, {})).rejects.toThrow(/no default export/);
    const invalid = join(dir, "invalid.json");
    await writeFile(invalid, JSON.stringify({ providers: [] }));
    await expect(loadConfigFile(invalid, {})).rejects.toThrow(ConfigFileError);
    await expect(loadConfigFile(invalid, {})).rejects.toThrow(/invalid\.json/);

    const unreachable = parseConfig({ ...base, providers: [{ id: "gone", issuer: "http://127.0.0.1:1", clientId: "x" }] }, {});
    await expect(createBrokerFromConfig(unreachable)).rejects.toThrow(/Discovery failed/);
  });
});
