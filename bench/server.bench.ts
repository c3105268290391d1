/**
 * Callback-to-resumed-tool latency, in process: from the moment the
 * provider's redirect reaches the callback route (Hono `app.request`) to
 * the moment the resumed tool's body starts. It covers the code exchange
 * at the provider (a real oidc-provider on loopback), storing the token,
 * autoResume reading the thread and `graph.invoke(new Command(...))` of a
 * createAgent graph up to the tool body. Target: ≤ 25 ms at p50.
 */
import { HumanMessage } from "@langchain/core/messages";
import { tool } from "@langchain/core/tools";
import { MemorySaver } from "@langchain/langgraph";
import { createAgent } from "langchain";
import { z } from "zod";
import { createLocalBroker, discoverProvider } from "@langgraph-oauth/core";
import { startDevProvider } from "@langgraph-oauth/dev-provider";
import { isOAuthInterrupt, withOAuth } from "@langgraph-oauth/langgraph";
import { OfflineToolModel } from "@langgraph-oauth/langgraph/offline-model";
import { createOAuthApp } from "@langgraph-oauth/server";
import { autoResume } from "@langgraph-oauth/server/langgraph";

function percentile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

function line(name: string, samples: number[]): string {
  const sorted = [...samples].sort((a, b) => a - b);
  return `  ${name.padEnd(48)} p50 ${percentile(sorted, 0.5).toFixed(2).padStart(7)} ms   p99 ${percentile(sorted, 0.99).toFixed(2).padStart(7)} ms`;
}

export async function benchServer(consents = 50, warmup = 5): Promise<void> {
  const callbackUrl = "http://127.0.0.1:8787/oauth/callback";
  const client = { clientId: "bench", clientSecret: "bench-secret" };
  const dev = await startDevProvider({ clients: [{ ...client, redirectUris: [`${callbackUrl}/devhub`] }] });
  try {
    const broker = createLocalBroker({ providers: [await discoverProvider({ id: "devhub", issuer: dev.issuer, ...client })], callbackUrl });
    let bodyStarted: (at: number) => void = () => {};
    const whoami = withOAuth(
      tool(
        async () => {
          bodyStarted(performance.now());
          return "ok";
        },
        { name: "whoami", description: "Who am I.", schema: z.object({}) },
      ),
      { broker, provider: "devhub", scopes: ["read:user"] },
    );
    const graph = createAgent({ model: new OfflineToolModel({ toolCalls: ["whoami"] }), tools: [whoami], checkpointer: new MemorySaver() });
    const hook = autoResume({ broker, graph, onError: (error) => console.error("  auto-resume failed:", error) });
    const app = createOAuthApp({ broker, onCallback: hook });

    const total: number[] = [];
    const page: number[] = [];
    for (let i = 0; i < warmup + consents; i++) {
      const config = { configurable: { thread_id: `bench-${i}`, user_id: `user-${i}` } };
      const first = (await graph.invoke({ messages: [new HumanMessage("go")] }, config)) as { __interrupt__?: Array<{ value?: unknown }> };
      const value = first.__interrupt__?.[0]?.value;
      if (!isOAuthInterrupt(value)) throw new Error("expected an OAuth interrupt");
      // The person's part (login, consent) is not timed: the clock starts when the redirect arrives.
      const redirect = new URL(await dev.consent(value.url, { user: `user-${i}` }));
      const started = new Promise<number>((resolve) => (bodyStarted = resolve));
      const t0 = performance.now();
      const response = await app.request(`${redirect.pathname}${redirect.search}`);
      const tPage = performance.now();
      if (response.status !== 200) throw new Error(`callback answered ${response.status}`);
      const tBody = await started;
      await hook.idle();
      if (i >= warmup) {
        total.push(tBody - t0);
        page.push(tPage - t0);
      }
    }
    console.log(`\nserver: callback → resumed tool body, in process (${consents} consents after ${warmup} warm-up)`);
    console.log(line("callback request → tool body starts", total));
    console.log(line("  of which: callback page answered (exchange)", page));
    const p50 = percentile([...total].sort((a, b) => a - b), 0.5);
    console.log(`  target ≤ 25 ms at p50: ${p50 <= 25 ? "met" : "NOT met"}`);
  } finally {
    await dev.close();
  }
}
