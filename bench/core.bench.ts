import { startBenchBroker } from "./broker.ts";
import { added, compare, row } from "./measure.ts";

/** authenticate() with a cached token: the cost every wrapped tool call pays. */
export async function benchCore(): Promise<void> {
  const { dev, broker } = await startBenchBroker();
  try {
    const req = { userId: "alice", provider: "devhub", scopes: ["repo"] };
    const pending = await broker.authenticate(req);
    if (pending.status !== "pending") throw new Error("expected a pending result");
    await broker.handleCallback(await dev.consent(pending.url, { user: "alice" }));
    if ((await broker.authenticate(req)).status !== "completed") throw new Error("expected a cached token");

    const cache = new Map([["alice\u0000devhub\u0000", { token: "x" }]]);
    const result = await compare({
      "baseline: Map.get in an async function": async () => cache.get(`${req.userId}\u0000${req.provider}\u0000`),
      "broker.authenticate, cached token": () => broker.authenticate(req),
    });
    console.log("core: authenticate with a cached token (20k calls per round, median of 3 rounds)");
    for (const [name, latency] of Object.entries(result)) console.log(row(name, latency));
    console.log(added("added by authenticate", result["broker.authenticate, cached token"]!, result["baseline: Map.get in an async function"]!));
  } finally {
    await dev.close();
  }
}
