import { tool } from "@langchain/core/tools";
import { Annotation, Command, MemorySaver, START, StateGraph } from "@langchain/langgraph";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { getAccessToken, oauthResume, ResumeUserMismatchError, withOAuth } from "./index.ts";
import { HUB, oauthInterrupts, startHarness, type Harness } from "./testing/harness.ts";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.close());

/** A graph whose node calls a wrapped tool; `runs` records whose token each body run saw. */
function guardedGraph() {
  const runs: string[] = [];
  const t = tool(
    async () => {
      const me = await h.me(HUB, getAccessToken(HUB));
      runs.push(me.sub ?? "?");
      return me.sub ?? "?";
    },
    { name: "whoami", description: "Who the token belongs to", schema: z.object({}) },
  );
  const wrapped = withOAuth(t, { broker: h.broker, provider: HUB, scopes: ["repo"] });
  const State = Annotation.Root({ out: Annotation<string> });
  const graph = new StateGraph(State)
    .addNode("work", async () => ({ out: String(await wrapped.invoke({})) }))
    .addEdge(START, "work")
    .compile({ checkpointer: new MemorySaver() });
  return { graph, runs };
}

let seq = 0;

describe("a thread paused for one user's consent is never resumed with another user's token", () => {
  it.each([
    ["an authId that exists nowhere", { authId: "bogus", status: "completed" }],
    ['"yes"', "yes"],
    ["an object that is no OAuth resume", { ok: true }],
  ])("resumed by another user (who has a token) with %s: refused, the tool does not run", async (_, resume) => {
    const { graph, runs } = guardedGraph();
    // Mallory is connected already.
    const mallory = `mallory-${++seq}`;
    const own = { configurable: { thread_id: `identity-own-${seq}`, user_id: mallory } };
    const [pm] = oauthInterrupts(await graph.invoke({}, own));
    await h.consent(pm!.value.url, { user: mallory });
    await graph.invoke(new Command({ resume: oauthResume(pm!.value) }), own);
    expect(runs).toEqual([mallory]);

    // Alice's thread pauses for Alice's consent; Mallory resumes it without naming Alice's authId.
    const thread = `identity-alice-${seq}`;
    const [pa] = oauthInterrupts(await graph.invoke({}, { configurable: { thread_id: thread, user_id: "alice" } }));
    expect(pa?.value.provider).toBe(HUB);
    const error = await graph.invoke(new Command({ resume }), { configurable: { thread_id: thread, user_id: mallory } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResumeUserMismatchError);
    expect((error as ResumeUserMismatchError).code).toBe("auth_denied");
    expect(runs).toEqual([mallory]);
  });

  it("the user the consent was raised for still resumes it, with any resume value", async () => {
    const { graph, runs } = guardedGraph();
    const user = `grace-${++seq}`;
    const config = { configurable: { thread_id: `identity-grace-${seq}`, user_id: user } };
    const [pending] = oauthInterrupts(await graph.invoke({}, config));
    await h.consent(pending!.value.url, { user });
    expect((await graph.invoke(new Command({ resume: "yes" }), config)).out).toBe(user);
    expect(runs).toEqual([user]);
  });
});
