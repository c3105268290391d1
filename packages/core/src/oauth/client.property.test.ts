import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLocalBroker, type LocalBroker } from "../broker/local-broker.ts";
import { OAuthError } from "../errors/errors.ts";
import { defineProvider } from "../providers/define.ts";
import { startHostileServer, type HostileServer } from "../testing/hostile-server.ts";

const CALLBACK = "http://127.0.0.1:8787/oauth/callback";

let as: HostileServer;
let broker: LocalBroker;
let seq = 0;

beforeAll(async () => {
  as = await startHostileServer();
  const provider = defineProvider({
    id: "hostile",
    name: "Hostile",
    clientId: "c",
    clientSecret: "client-s3cret-value",
    authorizationUrl: `${as.origin}/authorize`,
    tokenUrl: `${as.origin}/token`,
  });
  broker = createLocalBroker({ providers: [provider], callbackUrl: CALLBACK, retry: { attempts: 1, baseDelayMs: 0 } });
});
afterAll(() => as?.close());

/** A token response as a broken or malicious server writes it. */
const tokenBody = fc.oneof(
  fc.record(
    { access_token: fc.string({ minLength: 1 }), token_type: fc.constantFrom("Bearer", "bearer"), expires_in: fc.nat(), refresh_token: fc.string({ minLength: 1 }), scope: fc.string() },
    { requiredKeys: ["access_token", "token_type"] },
  ),
  fc.record(
    { access_token: fc.anything(), token_type: fc.anything(), expires_in: fc.anything(), refresh_token: fc.anything(), scope: fc.anything(), id_token: fc.anything() },
    { requiredKeys: [] },
  ),
  fc.record({ error: fc.oneof(fc.constantFrom("invalid_grant", "invalid_client", "server_error"), fc.string(), fc.anything()), error_description: fc.anything() }, { requiredKeys: [] }),
  fc.json().map((text) => JSON.parse(text) as unknown),
);

/** The raw bytes: the JSON of the body, any text, or the JSON with a 3 MB member. */
function raw(body: unknown, form: "json" | "text" | "huge", text: string): string {
  if (form === "text") return text;
  const json = JSON.stringify(body) ?? "null";
  return form === "huge" && json.startsWith("{") && json.length > 2 ? `{"padding":"${"x".repeat(3_000_000)}",${json.slice(1)}` : json;
}

async function pendingState(userId: string): Promise<string> {
  const started = await broker.authenticate({ userId, provider: "hostile", scopes: ["read"] });
  if (started.status !== "pending") throw new Error("expected pending");
  return new URL(started.url).searchParams.get("state") ?? "";
}

describe("the code exchange, against any token response", () => {
  it("stores a token only from a well-formed response, else fails with a typed error; never crashes", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(200, 200, 200, 201, 400, 401, 429, 500, 503),
        fc.constantFrom("application/json", "application/json;charset=UTF-8", "text/html"),
        tokenBody,
        fc.constantFrom<"json" | "text" | "huge">("json", "json", "json", "json", "text", "huge"),
        fc.string(),
        async (status, type, body, form, text) => {
          const userId = `u${++seq}`;
          const state = await pendingState(userId);
          as.respond({ status, headers: { "content-type": type }, body: raw(body, form, text) });
          try {
            const result = await broker.handleCallback(`${CALLBACK}/hostile?code=code-${seq}&state=${state}`);
            expect(result.status).toBe("completed");
          } catch (error) {
            expect(error).toBeInstanceOf(OAuthError);
            expect(["token_exchange_failed", "provider_unavailable"]).toContain((error as OAuthError).code);
            expect((error as OAuthError).retryable).toBe((error as OAuthError).code === "provider_unavailable");
            expect(await broker.tokenInfo({ userId, provider: "hostile" })).toBeUndefined();
            return;
          }
          // Completed: the response was a 2xx JSON object with a string access_token, and that token is what is served.
          expect(form).not.toBe("text");
          expect(status).toBeLessThan(300);
          const served = body as { access_token?: unknown };
          expect(typeof served.access_token).toBe("string");
          expect(await broker.tokenInfo({ userId, provider: "hostile" })).toBeDefined();
          // A token whose expires_in falls inside the refresh leeway is stored but not served as fresh.
          const again = await broker.authenticate({ userId, provider: "hostile", scopes: [] });
          if (again.status === "completed") expect(again.token).toBe(served.access_token);
          else expect(["token_expired", "revoked"]).toContain(again.reason);
        },
      ),
      { numRuns: 120 },
    );
  });

  it("completes with a well-formed response (the property above is not vacuous)", async () => {
    const state = await pendingState("well-formed");
    as.respond({ status: 200, headers: { "content-type": "application/json" }, body: JSON.stringify({ access_token: "at-1", token_type: "Bearer", expires_in: 60 }) });
    await expect(broker.handleCallback(`${CALLBACK}/hostile?code=c&state=${state}`)).resolves.toMatchObject({ status: "completed" });
  });
});
