/**
 * The one broker that the graph (withOAuth, oauthMiddleware) and the HTTP
 * app (callback, auto-resume) share. `langgraphjs dev` runs both in one
 * process and imports this module once, so they see the same instance.
 *
 * "DevHub" is a real OAuth 2.0 / OIDC server (oidc-provider) started right
 * here, so the demo needs no account anywhere. A hot reload restarts the
 * process: the provider, its sessions and the in-memory tokens start anew.
 */
import { createLocalBroker, discoverProvider } from "@langgraph-oauth/core";
import { startDevProvider } from "@langgraph-oauth/dev-provider";

/** Set by `langgraphjs dev` for the server it spawns, e.g. http://localhost:2024. */
const apiUrl = (process.env["LANGGRAPH_API_URL"] ?? `http://localhost:${process.env["PORT"] ?? "2024"}`).replace(/\/$/, "");

/** The LangGraph server itself serves the callback (http.app), so the redirect URI is on its origin. */
export const callbackUrl = `${apiUrl}/oauth/callback`;

const client = { clientId: "langgraph-dev-example", clientSecret: "langgraph-dev-example-secret" };

export const devhub = await startDevProvider({
  name: "DevHub",
  // DEVHUB_PORT keeps the issuer (and so the URLs shown in Studio) stable across restarts.
  port: Number(process.env["DEVHUB_PORT"] ?? 0),
  clients: [{ ...client, redirectUris: [`${callbackUrl}/devhub`] }],
});

export const broker = createLocalBroker({
  providers: [await discoverProvider({ id: "devhub", name: "DevHub", issuer: devhub.issuer, ...client })],
  callbackUrl,
});
