import { tool } from "@langchain/core/tools";
import { Annotation, MemorySaver, StateGraph } from "@langchain/langgraph";
import { z } from "zod";
import { startBenchBroker } from "./broker.ts";
import { getAccessToken, OAuthRequiredError, withOAuth } from "@langgraph-oauth/langgraph";
import { added, compare, row } from "./measure.ts";

/**
 * The hot path (docs/architecture.md): a wrapped tool with a cached token vs the
 * same tool unwrapped, invoked directly and through a compiled graph.
 */
export async function benchLangGraph(): Promise<void> {
  const { dev, broker } = await startBenchBroker();
  try {
    const schema = z.object({ n: z.number() });
    const plain = tool(async ({ n }) => n + 1, { name: "inc", description: "adds one", schema });
    const wrapped = withOAuth(
      tool(
        async ({ n }) => {
          getAccessToken();
          return n + 1;
        },
        { name: "inc", description: "adds one", schema },
      ),
      { broker, provider: "devhub", scopes: ["repo"] },
    );
    const config = { configurable: { user_id: "bench" } };
    const first = await wrapped.invoke({ n: 1 }, config).catch((e: unknown) => e);
    if (!(first instanceof OAuthRequiredError)) throw new Error("expected a consent first");
    await broker.handleCallback(await dev.consent(first.interrupt.url, { user: "bench" }));

    const direct = await compare({
      "tool.invoke, unwrapped": () => plain.invoke({ n: 1 }, config),
      "tool.invoke, withOAuth (cached token)": () => wrapped.invoke({ n: 1 }, config),
    });
    console.log("\nlanggraph: direct invoke (20k calls per round, median of 3 rounds)");
    for (const [name, latency] of Object.entries(direct)) console.log(row(name, latency));
    console.log(added("added by withOAuth", direct["tool.invoke, withOAuth (cached token)"]!, direct["tool.invoke, unwrapped"]!));

    const State = Annotation.Root({ n: Annotation<number> });
    const graphFor = (t: typeof plain) =>
      new StateGraph(State)
        .addNode("call", async (s: typeof State.State, cfg) => ({ n: Number(await t.invoke({ n: s.n }, cfg)) }))
        .addEdge("__start__", "call")
        .compile({ checkpointer: new MemorySaver() });
    const plainGraph = graphFor(plain);
    const wrappedGraph = graphFor(wrapped as unknown as typeof plain);
    let thread = 0;
    const inGraph = await compare(
      {
        "graph.invoke, unwrapped tool": () => plainGraph.invoke({ n: 1 }, { configurable: { ...config.configurable, thread_id: `p${thread++}` } }),
        "graph.invoke, withOAuth tool (cached token)": () => wrappedGraph.invoke({ n: 1 }, { configurable: { ...config.configurable, thread_id: `w${thread++}` } }),
      },
      { iterations: 2_000, warmup: 300 },
    );
    console.log("\nlanggraph: through a compiled graph with MemorySaver (2k runs per round, median of 3 rounds)");
    for (const [name, latency] of Object.entries(inGraph)) console.log(row(name, latency));
    console.log(added("added by withOAuth", inGraph["graph.invoke, withOAuth tool (cached token)"]!, inGraph["graph.invoke, unwrapped tool"]!));
  } finally {
    await dev.close();
  }
}
