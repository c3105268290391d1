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
import { isOAuthInterrupt, withOAuth } from "@langgraph-oauth/langgraph";
import { OfflineToolModel } from "@langgraph-oauth/langgraph/offline-model";
import { createOAuthApp } from "@langgraph-oauth/server";
import { autoResume } from "@langgraph-oauth/server/langgraph";
import { startBenchBroker } from "./broker.ts";
import { percentiles, row } from "./measure.ts";

export async function benchServer(consents = 50, warmup = 5): Promise<void> {
  const { dev, broker } = await startBenchBroker();
  try {
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
    const { p50 } = percentiles(total);
    console.log(row("callback request → tool body starts", percentiles(total), "ms"));
    console.log(row("  of which: callback page answered (exchange)", percentiles(page), "ms"));
    console.log(`  target ≤ 25 ms at p50: ${p50 <= 25 ? "met" : "NOT met"}`);
  } finally {
    await dev.close();
  }
}
