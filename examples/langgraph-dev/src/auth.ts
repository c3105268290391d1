/**
 * LangGraph custom auth for the langgraph.auth.json variant. The server runs
 * `authenticate` for every request, custom routes included, and the
 * provider's redirect to /oauth/callback carries no Authorization header:
 * allowOAuthCallback lets exactly that route through.
 */
import { Auth, HTTPException } from "@langchain/langgraph-sdk/auth";
import { allowOAuthCallback } from "@langgraph-oauth/server";
import { demoAuthSecret, verifyDemoToken } from "./demo-token.ts";

if (!demoAuthSecret) throw new Error("langgraph.auth.json needs DEMO_AUTH_SECRET in the environment.");
const secret = demoAuthSecret;

export const auth = new Auth().authenticate(
  allowOAuthCallback(async (request: Request) => {
    const header = request.headers.get("authorization") ?? "";
    const user = header.startsWith("Bearer ") ? verifyDemoToken(header.slice(7), secret) : undefined;
    if (!user) throw new HTTPException(401, { message: "Send Authorization: Bearer <token>." });
    return { identity: user, permissions: [] };
  }),
);
