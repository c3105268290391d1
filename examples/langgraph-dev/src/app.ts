/**
 * Mounted by `langgraphjs dev` before its own routes (langgraph.json →
 * "http.app"): the provider's redirect lands on `/oauth/callback/devhub` of
 * the LangGraph server itself, and the thread that asked resumes there.
 */
import { Client } from "@langchain/langgraph-sdk";
import { createOAuthApp } from "@langgraph-oauth/server";
import { autoResume } from "@langgraph-oauth/server/langgraph";
import { demoAuthSecret, signDemoToken } from "./demo-token.ts";
import { broker } from "./oauth.ts";

const secret = demoAuthSecret;

export const app = createOAuthApp({
  broker,
  // Optional: the /v2/auth API (token checks, remote brokers). Off without a key.
  apiKey: process.env["LANGGRAPH_OAUTH_API_KEY"],
  // No apiUrl: inside the LangGraph server the SDK client calls it in process.
  // A thread created with metadata { oauth_auto_resume: false } is left to the client.
  onCallback: autoResume({
    broker,
    // With custom auth (langgraph.auth.json) the resume request is authenticated
    // too, and must be as the user who consented: withOAuth refuses anyone else.
    ...(secret !== undefined
      ? { client: (callback) => new Client({ apiKey: null, defaultHeaders: { authorization: `Bearer ${signDemoToken(callback.userId, secret)}` } }) }
      : {}),
  }),
});
