import { Auth } from "@langchain/langgraph-sdk/auth";
import { describe, expect, it } from "vitest";
import { allowOAuthCallback, isOAuthCallbackRequest, OAUTH_CALLBACK_IDENTITY } from "./custom-auth.ts";

const request = (path: string, method = "GET") => new Request(`http://127.0.0.1:2024${path}`, { method });

describe("isOAuthCallbackRequest", () => {
  it("matches GET and HEAD of /oauth/callback/{provider} only", () => {
    expect(isOAuthCallbackRequest(request("/oauth/callback/github?code=c&state=s"))).toBe(true);
    expect(isOAuthCallbackRequest(request("/oauth/callback/github", "HEAD"))).toBe(true);
    for (const [path, method] of [
      ["/oauth/callback/github", "POST"],
      ["/oauth/callback/", "GET"],
      ["/oauth/callback", "GET"],
      ["/oauth/callback/github/extra", "GET"],
      ["/v2/auth/authenticate", "GET"],
      ["/threads", "GET"],
      ["/x/oauth/callback/github", "GET"],
      // Dot segments are resolved by the URL parser before the check.
      ["/oauth/callback/../threads", "GET"],
      ["/oauth/callback/%2e%2e/threads", "GET"],
    ] as const) {
      expect(isOAuthCallbackRequest(request(path, method)), `${method} ${path}`).toBe(false);
    }
  });

  it("honours createOAuthApp's basePath", () => {
    expect(isOAuthCallbackRequest(request("/auth/oauth/callback/github"), { basePath: "/auth" })).toBe(true);
    expect(isOAuthCallbackRequest(request("/auth/oauth/callback/github"), { basePath: "/auth/" })).toBe(true);
    expect(isOAuthCallbackRequest(request("/oauth/callback/github"), { basePath: "/auth" })).toBe(false);
  });
});

describe("allowOAuthCallback", () => {
  it("answers callback requests with an unauthenticated identity and sends the rest to the handler", async () => {
    const seen: string[] = [];
    const handler = allowOAuthCallback(async (req: Request) => {
      seen.push(new URL(req.url).pathname);
      if (req.headers.get("authorization") !== "Bearer good") throw new Error("401");
      return { identity: "ada", permissions: ["read"] };
    });
    expect(await handler(request("/oauth/callback/github?code=c&state=s"))).toEqual(OAUTH_CALLBACK_IDENTITY);
    expect(seen).toEqual([]);
    await expect(handler(request("/threads"))).rejects.toThrow("401");
    const ok = await handler(new Request("http://127.0.0.1:2024/threads", { headers: { authorization: "Bearer good" } }));
    expect(ok).toEqual({ identity: "ada", permissions: ["read"] });
    expect(seen).toEqual(["/threads", "/threads"]);
  });

  it("plugs into LangGraph's Auth as its authenticate handler", () => {
    const auth = new Auth().authenticate(allowOAuthCallback(async () => ({ identity: "ada", permissions: [] })));
    expect(typeof auth["~handlerCache"].authenticate).toBe("function");
  });
});
