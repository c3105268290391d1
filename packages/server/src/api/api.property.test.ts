import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MemoryTokenStore } from "@langgraph-oauth/core";
import { API_KEY, Canary, pathOf, startFixture, type Fixture } from "../testing/fixtures.ts";

/** The store methods that change state; a rejected request may call none of them. */
const WRITES = new Set(["putToken", "deleteToken", "createAuth", "consumeAuthState", "releaseAuthState", "finishAuth"]);

/** A memory store that records every state-changing call in `writes`. */
function recordingStore(writes: string[]): MemoryTokenStore {
  return new Proxy(new MemoryTokenStore(), {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver) as unknown;
      if (typeof value !== "function") return value;
      return (...args: unknown[]) => {
        if (WRITES.has(String(prop))) writes.push(String(prop));
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
}

const segment = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom("dev", "dev2") },
  fc.constantFrom("", "%zz", "..", "%2F", "a".repeat(600)),
  fc.string({ minLength: 1, maxLength: 40 }).map(encodeURIComponent),
);
const text = fc.oneof(fc.string(), fc.string({ unit: "grapheme", maxLength: 30 }), fc.constantFrom("dev", "alice", "repo", "", "0", "-1", "1e9", "true", "null"));

/** What an HTTP header can carry at all (Latin-1 without controls); anything else never reaches a server. */
const headerValue = fc.oneof(fc.string().map((v) => v.replace(/[^\x20-\x7e]/g, "").trim()), fc.constantFrom("é", "ÿÿ", `${API_KEY} `));

/** A query string built from API parameter names and anything else, repeats and raw escapes included. */
const query = fc
  .array(fc.tuple(fc.oneof(fc.constantFrom("user_id", "provider", "agent_id", "timeout"), fc.string({ maxLength: 8 })), text, fc.boolean()), { maxLength: 5 })
  .map((pairs) => pairs.map(([k, v, raw]) => (raw ? `${k}=${v.replace(/[#\s&]/g, "")}` : `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)).join("&"));

/** Bodies shaped like the API's, with any member of any type, and bodies of any shape. */
const body = fc.oneof(
  fc.record(
    { provider: fc.oneof(text, fc.anything()), scopes: fc.oneof(fc.array(text), fc.anything()), user_id: fc.oneof(text, fc.anything()), agent_id: fc.anything(), force_new: fc.anything(), metadata: fc.anything() },
    { requiredKeys: [] },
  ),
  fc.record({ code: fc.oneof(text, fc.anything()), state: fc.oneof(text, fc.anything()), iss: fc.anything() }, { requiredKeys: [] }),
  fc.anything(),
);

const request = fc.record({
  route: fc.constantFrom("authenticate", "callback", "wait", "tokens", "delete", "provider", "other"),
  segment,
  query,
  body: fc.oneof({ weight: 4, arbitrary: body.map((b) => JSON.stringify(b) ?? "null") }, fc.string()),
  key: fc.oneof(
    { weight: 4, arbitrary: fc.constant({ "x-api-key": API_KEY }) },
    fc.constant({ authorization: `Bearer ${API_KEY}` }),
    fc.constant({}),
    headerValue.map((k) => ({ "x-api-key": k })),
    headerValue.map((k) => ({ authorization: k })),
    fc.constantFrom(`Basic ${Buffer.from(`x:${API_KEY}`).toString("base64")}`, `bearer ${API_KEY}x`, `Bearer  ${API_KEY}`).map((k) => ({ authorization: k })),
  ),
  contentType: fc.constantFrom("application/json", "application/json; charset=utf-8", "text/plain", "application/x-www-form-urlencoded", undefined),
});

describe("the /v2/auth API, fed any body, header, id and query", () => {
  let fx: Fixture;
  const writes: string[] = [];
  const canary = new Canary();
  let genuine: { authId: string; redirect: string };

  beforeAll(async () => {
    fx = await startFixture({ providerIds: ["dev", "dev2"], app: { maxBodyBytes: 4096, maxWaitSeconds: 0 }, broker: { store: recordingStore(writes) } });
    const started = await fx.broker.authenticate({ userId: "bob", provider: "dev", scopes: ["repo"] });
    if (started.status !== "pending") throw new Error("expected pending");
    genuine = { authId: started.authId, redirect: await fx.dev.consent(started.url, { user: "bob" }) };
    canary.addRedirect(genuine.redirect);
  });
  afterAll(() => fx.close());

  it("no crash, no 500, JSON without stack or secret, and nothing stored by a rejected request", async () => {
    await fc.assert(
      fc.asyncProperty(request, async (r) => {
        const [method, path] = {
          authenticate: ["POST", "/v2/auth/authenticate"],
          callback: ["POST", `/v2/auth/callback/${r.segment}`],
          wait: ["GET", `/v2/auth/wait/${r.segment}?${r.query}`],
          tokens: ["GET", `/v2/auth/tokens?${r.query}`],
          delete: ["DELETE", `/v2/auth/tokens?${r.query}`],
          provider: ["GET", `/v2/auth/providers/${r.segment}`],
          other: ["PUT", `/v2/auth/${r.segment}`],
        }[r.route];
        const headers: Record<string, string> = { ...r.key, ...(r.contentType ? { "content-type": r.contentType } : {}) };
        writes.length = 0;
        const response = await fx.app.request(path!, { method: method!, headers, ...(method === "POST" || method === "PUT" ? { body: r.body } : {}) });
        const raw = await response.text();
        expect(response.status).not.toBe(500);
        expect(raw).not.toMatch(/\n\s+at /);
        canary.check([raw, response.headers]);
        if (response.status >= 400) expect(writes).toEqual([]);
        // A path like /v2/auth/.. normalizes to outside the API, where the host app answers; inside, every answer is JSON.
        if (new URL(path!, "http://x").pathname.startsWith("/v2/auth/")) {
          expect(response.headers.get("content-type")).toMatch(/^application\/json/);
          const answer = JSON.parse(raw) as { error?: { code?: string } };
          if (response.status >= 400) expect(answer.error?.code).toEqual(expect.any(String));
        }
        expect((await fx.broker.getAuth(genuine.authId))?.status).toBe("pending");
      }),
      { numRuns: 200 },
    );
    // The consent that was pending throughout still completes.
    expect((await fx.app.request(pathOf(genuine.redirect))).status).toBe(200);
    expect((await fx.broker.getAuth(genuine.authId))?.status).toBe("completed");
  });
});
