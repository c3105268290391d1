/**
 * Hot path: a wrapped tool with a cached token vs the same tool unwrapped,
 * measured side by side in one process (DESIGN.md §6). Not a test: run it
 *   node --conditions=source --import tsx packages/langgraph/bench/hot-path.ts
 */
import { tool } from "@langchain/core/tools";
import { z } from "zod";
import { startHarness } from "../src/testing/harness.ts";
import { getAccessToken, OAuthRequiredError, withOAuth } from "../src/index.ts";

const CALLS = 20_000;
const WARMUP = 5_000;

const h = await startHarness();
try {
  const plain = tool(async ({ n }) => n + 1, { name: "inc", description: "d", schema: z.object({ n: z.number() }) });
  const wrapped = withOAuth(
    tool(
      async ({ n }) => {
        getAccessToken();
        return n + 1;
      },
      { name: "inc", description: "d", schema: z.object({ n: z.number() }) },
    ),
    { broker: h.broker, provider: "devhub", scopes: ["repo"] },
  );
  const config = { configurable: { user_id: "bench" } };
  const first = await wrapped.invoke({ n: 1 }, config).catch((e: unknown) => e);
  if (!(first instanceof OAuthRequiredError)) throw new Error("expected a consent first");
  await h.consent(first.interrupt.url, { user: "bench" });

  // Interleaved blocks, so that load from other processes hits both sides alike.
  const BLOCK = 1_000;
  /** Wall time per call into `out`; returns the block's CPU time (less disturbed by other processes). */
  async function block(t: typeof plain, out: number[]): Promise<number> {
    const cpu = process.cpuUsage();
    for (let i = 0; i < BLOCK; i++) {
      const start = process.hrtime.bigint();
      await t.invoke({ n: i }, config);
      out.push(Number(process.hrtime.bigint() - start) / 1000);
    }
    const used = process.cpuUsage(cpu);
    return used.user + used.system;
  }
  const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))]!;
  const asPlain = wrapped as unknown as typeof plain;
  for (let i = 0; i < WARMUP; i += BLOCK) {
    await block(plain, []);
    await block(asPlain, []);
  }
  for (let run = 1; run <= 3; run++) {
    const a: number[] = [];
    const b: number[] = [];
    let cpuA = 0;
    let cpuB = 0;
    for (let i = 0; i < CALLS; i += BLOCK) {
      cpuA += await block(plain, a);
      cpuB += await block(asPlain, b);
    }
    const f = (x: number) => x.toFixed(2);
    console.log(
      `run ${run}: plain p50 ${f(pct(a, 0.5))} µs p99 ${f(pct(a, 0.99))} µs | wrapped p50 ${f(pct(b, 0.5))} µs p99 ${f(pct(b, 0.99))} µs | added p50 ${f(pct(b, 0.5) - pct(a, 0.5))} µs p99 ${f(pct(b, 0.99) - pct(a, 0.99))} µs | CPU per call ${f(cpuA / CALLS)} vs ${f(cpuB / CALLS)} µs, added ${f((cpuB - cpuA) / CALLS)} µs`,
    );
  }
} finally {
  await h.close();
}
