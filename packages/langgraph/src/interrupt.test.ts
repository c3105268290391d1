import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { isOAuthInterrupt, isOAuthResume, oauthInterruptSchema, oauthResume, oauthResumeSchema, type OAuthInterrupt } from "./interrupt.ts";

const payload: OAuthInterrupt = {
  type: "oauth_required",
  version: 1,
  provider: "github",
  providerName: "GitHub",
  scopes: ["repo"],
  url: "https://github.com/login/oauth/authorize?client_id=x&state=y",
  authId: "auth_abc",
  expiresAt: "2026-01-01T00:00:00.000Z",
  reason: "connection_required",
  message: "Connect your GitHub account so \"list_repos\" can continue: open the url to sign in, then resume.",
  toolCall: { id: "call_1", name: "list_repos" },
  auth_required: true,
  auth_url: "https://github.com/login/oauth/authorize?client_id=x&state=y",
  auth_id: "auth_abc",
};

describe("the v1 interrupt schema", () => {
  it("accepts our payload, with the LangChain mirror keys and keys a later minor version may add", () => {
    expect(oauthInterruptSchema.parse(payload)).toEqual(payload);
    expect(isOAuthInterrupt(payload)).toBe(true);
    expect(isOAuthInterrupt({ ...payload, addedLater: 1 })).toBe(true);
    const { auth_required: _a, auth_url: _b, auth_id: _c, toolCall: _d, ...minimal } = payload;
    expect(isOAuthInterrupt(minimal)).toBe(true);
  });

  it("rejects other interrupts, type 'tool', other versions and missing fields", () => {
    for (const value of [null, "oauth_required", { question: "ok?" }, { ...payload, type: "tool" }, { ...payload, version: 2 }, { ...payload, url: undefined }, { ...payload, reason: "bored" }]) {
      expect(isOAuthInterrupt(value)).toBe(false);
    }
  });

  it("resume values are objects that LangGraph cannot mistake for a map of interrupt ids", () => {
    const value = oauthResume(payload);
    expect(value).toEqual({ authId: "auth_abc", status: "completed" });
    expect(oauthResume("auth_abc", "cancelled")).toEqual({ authId: "auth_abc", status: "cancelled" });
    expect(oauthResumeSchema.parse(value)).toEqual(value);
    expect(Object.keys(value).every((k) => /^[0-9a-f]{32}$/.test(k))).toBe(false);
    expect(isOAuthResume(value)).toBe(true);
    expect(isOAuthResume({ authId: "a", status: "ok" })).toBe(false);
    expect(isOAuthResume(null)).toBe(false);
  });

  it("the ./interrupt entry is browser-safe: it imports zod only, and is exported like '.'", () => {
    const source = readFileSync(new URL("./interrupt.ts", import.meta.url), "utf8");
    const imports = [...source.matchAll(/^\s*import\s[^;]*?from\s+"([^"]+)"/gm), ...source.matchAll(/import\(\s*"([^"]+)"\s*\)/g)].map((m) => m[1]);
    expect(imports).toEqual(["zod"]);
    const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"));
    expect(pkg.exports["./interrupt"]).toEqual({ source: "./src/interrupt.ts", types: "./dist/interrupt.d.ts", import: "./dist/interrupt.js" });
    expect(Object.keys(pkg.exports["./interrupt"])).toEqual(Object.keys(pkg.exports["."]));
  });

  it("resolves as @langgraph-oauth/langgraph/interrupt", async () => {
    const entry = await import("@langgraph-oauth/langgraph/interrupt");
    expect(entry.isOAuthInterrupt(payload)).toBe(true);
  });
});
