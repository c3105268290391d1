import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDevProvider, type DevProvider } from "@langgraph-oauth/dev-provider";
import { defineProvider } from "./define.ts";
import { discoverProvider } from "./discover.ts";

const base = { id: "acme", name: "Acme", authorizationUrl: "https://acme.test/authorize", tokenUrl: "https://acme.test/token", clientId: "cid" };

describe("defineProvider", () => {
  it("accepts a valid entry and freezes it", () => {
    const p = defineProvider(base);
    expect(p).toMatchObject(base);
    expect(Object.isFrozen(p)).toBe(true);
  });

  it.each([
    [{ id: "has space" }, /Provider id/],
    [{ id: "" }, /Provider id/],
    [{ clientId: "" }, /needs a clientId/],
    [{ tokenUrl: "http://acme.test/token" }, /must use https/],
    [{ revocationUrl: "not a url" }, /not a valid absolute URL/],
    [{ clientAuth: "client_secret_post" as const }, /no clientSecret/],
  ])("refuses %j", (over, message) => {
    expect(() => defineProvider({ ...base, ...over })).toThrow(message);
  });
});

describe("discoverProvider (OIDC discovery against a real server)", () => {
  let dev: DevProvider;
  beforeAll(async () => {
    dev = await startDevProvider();
  });
  afterAll(() => dev.close());

  it("reads the endpoints and issuer from the discovery document", async () => {
    const p = await discoverProvider({ id: "dev", issuer: dev.issuer, clientId: "demo-client", clientSecret: "demo-secret" });
    expect(p).toMatchObject({ id: "dev", issuer: dev.issuer, tokenUrl: dev.tokenUrl, revocationUrl: dev.revocationUrl, clientAuth: "client_secret_basic" });
    expect(p.authorizationUrl).toBe(dev.authorizationUrl);
  });

  it("fails with a typed error for an issuer that serves no discovery document", async () => {
    await expect(discoverProvider({ id: "x", issuer: `${dev.apiUrl}/nothing`, clientId: "c" })).rejects.toMatchObject({ code: "discovery_failed" });
  });

  it("refuses a plain-http issuer off loopback before any request", async () => {
    await expect(discoverProvider({ id: "x", issuer: "http://idp.example.com", clientId: "c" })).rejects.toMatchObject({ code: "insecure_endpoint" });
  });
});
