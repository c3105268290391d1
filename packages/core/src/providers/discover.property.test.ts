import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConfigurationError } from "../errors/errors.ts";
import { startHostileServer, type HostileServer } from "../testing/hostile-server.ts";
import { discoverProvider } from "./discover.ts";
import type { ProviderDefinition } from "./types.ts";

let as: HostileServer;
beforeAll(async () => {
  as = await startHostileServer();
});
afterAll(() => as?.close());

const junk = fc.oneof(fc.anything(), fc.string(), fc.constantFrom("", "not a url", "javascript:alert(1)", "ftp://x/y", "http://attacker.example/authorize"));

/** A discovery document as a broken or malicious server writes it: right, wrong-typed, missing or foreign fields. */
function metadata(issuer: string) {
  const endpoint = (path: string) => fc.oneof({ weight: 3, arbitrary: fc.constant(`${issuer}${path}`) }, junk);
  return fc.record(
    {
      issuer: fc.oneof({ weight: 3, arbitrary: fc.constant(issuer) }, fc.constantFrom(`${issuer}/`, "https://attacker.example", issuer.toUpperCase()), junk),
      authorization_endpoint: endpoint("/authorize"),
      token_endpoint: endpoint("/token"),
      revocation_endpoint: endpoint("/revoke"),
      userinfo_endpoint: endpoint("/me"),
      token_endpoint_auth_methods_supported: fc.oneof(fc.constant(["client_secret_basic"]), fc.array(fc.string()), junk),
      authorization_response_iss_parameter_supported: fc.oneof(fc.boolean(), junk),
      response_types_supported: fc.oneof(fc.constant(["code"]), junk),
    },
    { requiredKeys: [] },
  );
}

/** The body served: the document as JSON, any JSON, or non-JSON. */
function body(issuer: string) {
  return fc.oneof({ weight: 6, arbitrary: metadata(issuer).map((doc) => JSON.stringify(doc)) }, fc.json(), fc.string());
}

/** A 3 MB field added to a JSON object body, outside the generated value so a counterexample stays readable. */
function padded(text: string, huge: boolean): string {
  return huge && text.startsWith("{") && text.length > 2 ? `{"padding":"${"x".repeat(3_000_000)}",${text.slice(1)}` : text;
}

describe("discoverProvider, against any discovery document", () => {
  it("returns a provider only for its own issuer with usable endpoints; else a ConfigurationError, never a crash", async () => {
    const issuer = as.origin;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(200, 200, 200, 201, 301, 404, 500),
        fc.constantFrom("application/json", "text/html", "application/json; charset=utf-8"),
        body(issuer),
        fc.oneof({ weight: 5, arbitrary: fc.constant(false) }, fc.constant(true)),
        async (status, type, text, huge) => {
          as.respond({ status, headers: { "content-type": type }, body: padded(text, huge) });
          let outcome: ProviderDefinition;
          try {
            outcome = await discoverProvider({ id: "hostile", name: "Hostile", issuer, clientId: "c", clientSecret: "s3cret-client" });
          } catch (error) {
            expect(error).toBeInstanceOf(ConfigurationError);
            expect(["discovery_failed", "invalid_configuration", "insecure_endpoint"]).toContain((error as ConfigurationError).code);
            expect((error as Error).message).not.toContain("s3cret-client");
            return;
          }
          const served = JSON.parse(text) as Record<string, unknown>;
          expect(outcome).toMatchObject({ authorizationUrl: served["authorization_endpoint"], tokenUrl: served["token_endpoint"] });
          // The issuer asked for, up to URL serialization (openid-client compares parsed URLs: "HTTP://h" is "http://h/").
          expect(new URL(outcome.issuer ?? "").href).toBe(new URL(issuer).href);
          for (const url of [outcome.authorizationUrl, outcome.tokenUrl]) expect(new URL(url).protocol).toMatch(/^https?:$/);
        },
      ),
      { numRuns: 150 },
    );
  });

  it.each([
    ["token_endpoint_auth_methods_supported: -1", { token_endpoint_auth_methods_supported: -1 }, "resolves"],
    ["userinfo_endpoint: {}", { userinfo_endpoint: {} }, "rejects"],
    ["token_endpoint: []", { token_endpoint: [] }, "rejects"],
  ])("found by the property: %s is no crash", async (_, member, outcome) => {
    const doc = { issuer: as.origin, authorization_endpoint: `${as.origin}/authorize`, token_endpoint: `${as.origin}/token`, ...member };
    as.respond({ status: 200, headers: { "content-type": "application/json" }, body: JSON.stringify(doc) });
    const discovered = discoverProvider({ id: "hostile", name: "Hostile", issuer: as.origin, clientId: "c", clientSecret: "s" });
    if (outcome === "resolves") await expect(discovered).resolves.toMatchObject({ clientAuth: "client_secret_basic" });
    else await expect(discovered).rejects.toMatchObject({ name: "ConfigurationError", code: "discovery_failed" });
  });

  it("still discovers a well-formed document (the property above is not vacuous)", async () => {
    as.respond({
      status: 200,
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ issuer: as.origin, authorization_endpoint: `${as.origin}/authorize`, token_endpoint: `${as.origin}/token` }),
    });
    await expect(discoverProvider({ id: "hostile", name: "Hostile", issuer: as.origin, clientId: "c" })).resolves.toMatchObject({ tokenUrl: `${as.origin}/token` });
  });
});
