/**
 * The offline quickstart: a createAgent graph, a real OAuth server on this
 * machine standing in for "GitHub", a tool wrapped with withOAuth, and the
 * whole round trip: interrupt → consent → callback → resume → the tool uses
 * the token. Run: `pnpm quickstart` (add `--browser` to consent yourself).
 */
import { HumanMessage } from "@langchain/core/messages";
import { tool } from "@langchain/core/tools";
import { Command, MemorySaver } from "@langchain/langgraph";
import { createAgent } from "langchain";
import type { Hono } from "hono";
import { z } from "zod";
import { createLocalBroker, discoverProvider } from "@langgraph-oauth/core";
import { getAccessToken, isOAuthInterrupt, oauthResume, withOAuth } from "@langgraph-oauth/langgraph";
import { OfflineToolModel } from "@langgraph-oauth/langgraph/offline-model";
import { createOAuthApp, serveApp } from "@langgraph-oauth/server";
import { startDevProvider } from "@langgraph-oauth/dev-provider";

const browser = process.argv.includes("--browser");
const step = (n: number, text: string) => console.log(`\n${n}. ${text}`);

// The callback server listens first (PORT, or any free port), since the provider
// must register its exact redirect URI; its routes are attached once the broker exists.
let app: Hono | undefined;
const server = await serveApp({ fetch: (request) => app!.fetch(request), port: Number(process.env.PORT ?? 0) });
const callbackUrl = `${server.url}/oauth/callback`;

const devhub = await startDevProvider({
  name: "DevHub",
  clients: [{ clientId: "quickstart", clientSecret: "quickstart-secret", redirectUris: [`${callbackUrl}/devhub`] }],
});
const broker = createLocalBroker({
  providers: [await discoverProvider({ id: "devhub", name: "DevHub", issuer: devhub.issuer, clientId: "quickstart", clientSecret: "quickstart-secret" })],
  callbackUrl,
});
app = createOAuthApp({ broker });

const whoami = withOAuth(
  tool(
    async () => {
      const response = await fetch(`${devhub.apiUrl}/me`, { headers: { authorization: `Bearer ${getAccessToken()}` } });
      return JSON.stringify(await response.json());
    },
    { name: "whoami_on_devhub", description: "Tells who I am on DevHub.", schema: z.object({}) },
  ),
  { broker, provider: "devhub", scopes: ["read:user"] },
);

const checkpointer = new MemorySaver();
// A stand-in for a real chat model, so the demo needs no API key: it calls the tool, then reports its result.
const model = new OfflineToolModel({
  toolCalls: ["whoami_on_devhub"],
  answer: ([result]) => `Here is what DevHub says about your account: ${result}`,
});
const agent = createAgent({ model, tools: [whoami], checkpointer });
const config = { configurable: { thread_id: "quickstart-thread", user_id: "ada" } };

try {
  console.log(`DevHub (a real OAuth 2.0 / OIDC server, oidc-provider) runs at ${devhub.issuer}`);
  console.log(`Our OAuth callback listens at ${callbackUrl}/devhub`);

  step(1, 'Ada asks the agent: "Who am I on DevHub?" The model calls whoami_on_devhub.');
  const first = await agent.invoke({ messages: [new HumanMessage("Who am I on DevHub?")] }, config);
  const interrupt = first.__interrupt__?.find((i) => isOAuthInterrupt(i.value));
  if (!interrupt?.id || !isOAuthInterrupt(interrupt.value)) throw new Error("expected an oauth_required interrupt");
  const value = interrupt.value;

  step(2, "No token yet, so the run pauses with a LangGraph interrupt:");
  console.log(`   message: ${value.message}`);
  console.log(`   reason:  ${value.reason}    scopes: ${value.scopes.join(" ")}`);
  console.log(`   url:     ${value.url}`);

  if (browser) {
    step(3, "Open the url above in your browser, sign in with any name and approve. Waiting…");
    const outcome = await broker.waitForCompletion(value.authId, { timeoutMs: 600_000 });
    console.log(`   consent finished: ${outcome.status}`);
  } else {
    step(3, "Ada consents at DevHub (signed in and approved here automatically; pass --browser to do it yourself).");
    const redirect = await devhub.consent(value.url, { user: "ada", decision: "approve" });
    const redirectUrl = new URL(redirect);
    console.log(`   DevHub redirects the browser to ${redirectUrl.origin}${redirectUrl.pathname}?code=…&state=…`);
    step(4, "The callback exchanges the code (PKCE), stores the token encrypted, and shows a success page:");
    const page = await fetch(redirect);
    console.log(`   HTTP ${page.status}: ${(await page.text()).match(/<h1>(.*?)<\/h1>/)?.[1] ?? "(no title)"}`);
  }

  step(5, "The client resumes the run with { authId, status }; the tool asks the broker again and runs once:");
  const done = await agent.invoke(new Command({ resume: { [interrupt.id]: oauthResume(value) } }), config);
  const messages = done.messages;
  const toolResult = messages.findLast((m) => m.getType() === "tool");
  console.log(`   tool result: ${String(toolResult?.content)}`);
  step(6, `The agent answers: ${String(messages.at(-1)?.content)}`);

  // Check the claim rather than make it: look for the token in everything the graph kept.
  const granted = await broker.authenticate({ userId: "ada", provider: "devhub", scopes: ["read:user"] });
  if (granted.status !== "completed") throw new Error("expected a stored token");
  const kept = JSON.stringify([checkpointer.storage, checkpointer.writes, first, done], (_key, v) =>
    v instanceof Uint8Array ? Buffer.from(v).toString("utf8") : v,
  );
  if (kept.includes(granted.token)) throw new Error("the access token leaked into the graph's state");
  console.log("\nDone. The access token is in none of the checkpoints, the interrupt or the messages (checked).");
} finally {
  await server.close();
  await devhub.close();
}
