import { tool } from "@langchain/core/tools";
import { Annotation, Command, MemorySaver, START, StateGraph } from "@langchain/langgraph";
import type { LocalBroker } from "@langgraph-oauth/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { getAccessToken, oauthResume, withOAuth } from "./index.ts";
import { HUB, oauthInterrupts, startHarness, type Harness } from "./testing/harness.ts";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.close());

function graphFor(broker: LocalBroker) {
  const seen: Array<{ token: string; status: number }> = [];
  const wrapped = withOAuth(
    tool(
      async () => {
        const token = getAccessToken();
        const me = await h.me(HUB, token);
        seen.push({ token, status: me.status });
        return JSON.stringify(me);
      },
      { name: "list_repos", description: "d", schema: z.object({}) },
    ),
    { broker, provider: HUB, scopes: ["repo"] },
  );
  const graph = new StateGraph(Annotation.Root({ out: Annotation<string> }))
    .addNode("work", async () => ({ out: String(await wrapped.invoke({})) }))
    .addEdge(START, "work")
    .compile({ checkpointer: new MemorySaver() });
  return { graph, seen };
}

/** Interrupt → consent at the provider → resume; returns the first interrupt. */
async function connectThread(graph: ReturnType<typeof graphFor>["graph"], broker: LocalBroker, user: string, threadId: string) {
  const config = { configurable: { thread_id: threadId, user_id: user } };
  const [pending] = oauthInterrupts(await graph.invoke({}, config));
  if (!pending) throw new Error("expected an interrupt");
  await h.consent(pending.value.url, { user, broker });
  const done = await graph.invoke(new Command({ resume: oauthResume(pending.value) }), config);
  return { pending, done };
}

describe("revoked tokens lead to a new consent", () => {
  it("revoked at the provider: the refresh fails, the interrupt says 'revoked', re-consent works", async () => {
    let skewMs = 0;
    const broker = h.createBroker({ now: () => Date.now() + skewMs });
    const { graph, seen } = graphFor(broker);
    const { done } = await connectThread(graph, broker, "rev-user", "rev-1");
    expect(JSON.parse(done.out)).toMatchObject({ status: 200, sub: "rev-user" });

    // The user removes the app at the provider; two hours later the access
    // token has expired and its refresh is refused (invalid_grant).
    await h.hub.revokeAllFor("rev-user");
    skewMs = 2 * 60 * 60 * 1000;
    const refreshesBefore = h.hub.counts.refresh;
    const config = { configurable: { thread_id: "rev-2", user_id: "rev-user" } };
    const [pending] = oauthInterrupts(await graph.invoke({}, config));
    expect(h.hub.counts.refresh).toBe(refreshesBefore + 1);
    expect(pending?.value.reason).toBe("revoked");
    expect(pending?.value.message).toMatch(/Access to DevHub was revoked/);
    expect(seen).toHaveLength(1);

    await h.consent(pending!.value.url, { user: "rev-user", broker });
    const again = await graph.invoke(new Command({ resume: oauthResume(pending!.value) }), config);
    expect(JSON.parse(again.out)).toMatchObject({ status: 200, sub: "rev-user" });
    expect(seen).toHaveLength(2);
    expect(seen[1]!.token).not.toBe(seen[0]!.token);
  });

  it("revoked through broker.revoke: the next call asks for a new connection", async () => {
    const { graph, seen } = graphFor(h.broker);
    await connectThread(graph, h.broker, "rev-user-2", "rev-3");
    expect(seen).toEqual([expect.objectContaining({ status: 200 })]);

    await h.broker.revoke({ userId: "rev-user-2", provider: HUB });
    // The revoked token no longer works at the provider...
    expect((await h.me(HUB, seen[0]!.token)).status).toBe(401);
    // ...and the tool does not run with it: it asks again.
    const { pending, done } = await connectThread(graph, h.broker, "rev-user-2", "rev-4");
    expect(pending.value.reason).toBe("connection_required");
    expect(JSON.parse(done.out)).toMatchObject({ status: 200, sub: "rev-user-2" });
    expect(seen).toHaveLength(2);
  });
});
