import { AIMessage, HumanMessage, ToolMessage, type BaseMessage } from "@langchain/core/messages";
import { tool } from "@langchain/core/tools";
import { Command, END, MemorySaver, MessagesAnnotation, START, StateGraph } from "@langchain/langgraph";
import { ToolNode } from "@langchain/langgraph/prebuilt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { getAccessToken, oauthResume, withOAuth } from "./index.ts";
import { HUB, MAIL, oauthInterrupts, startHarness, type Harness } from "./testing/harness.ts";
import { ScriptedChatModel, type ScriptStep } from "./testing/scripted-model.ts";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.close());

function tools() {
  const runs = { hub: 0, mail: 0, plain: 0 };
  const hubTool = withOAuth(
    tool(
      async () => {
        runs.hub += 1;
        return JSON.stringify(await h.me(HUB, getAccessToken()));
      },
      { name: "hub_me", description: "Who am I at DevHub", schema: z.object({}) },
    ),
    { broker: h.broker, provider: HUB, scopes: ["repo"] },
  );
  const mailTool = withOAuth(
    tool(
      async () => {
        runs.mail += 1;
        return JSON.stringify(await h.me(MAIL, getAccessToken()));
      },
      { name: "mail_me", description: "Who am I at DevMail", schema: z.object({}) },
    ),
    { broker: h.broker, provider: MAIL, scopes: ["mail.send"] },
  );
  const plainTool = tool(
    async () => {
      runs.plain += 1;
      return "plain";
    },
    { name: "plain", description: "Needs no OAuth", schema: z.object({}) },
  );
  return { list: [hubTool, mailTool, plainTool], runs };
}

/** model → ToolNode → model, the classic hand-built agent loop. */
function agentGraph(script: ScriptStep[], toolList: ReturnType<typeof tools>["list"], checkpointer = true) {
  const model = new ScriptedChatModel(script);
  const builder = new StateGraph(MessagesAnnotation)
    .addNode("agent", async (state) => ({ messages: [await model.invoke(state.messages)] }))
    .addNode("tools", new ToolNode(toolList))
    .addEdge(START, "agent")
    .addConditionalEdges("agent", (state) => ((state.messages.at(-1) as AIMessage).tool_calls?.length ? "tools" : END))
    .addEdge("tools", "agent");
  return checkpointer ? builder.compile({ checkpointer: new MemorySaver() }) : builder.compile();
}

const toolMessages = (messages: BaseMessage[]) => messages.filter((m): m is ToolMessage => ToolMessage.isInstance(m));

describe("prebuilt ToolNode with parallel tool calls", () => {
  it("surfaces one interrupt per round trip; no wrapped body runs twice; resume values are not misrouted", async () => {
    const { list, runs } = tools();
    const graph = agentGraph(
      [
        [
          { id: "call_hub", name: "hub_me", args: {} },
          { id: "call_mail", name: "mail_me", args: {} },
          { id: "call_plain", name: "plain", args: {} },
        ],
        "all done",
      ],
      list,
    );
    const config = { configurable: { thread_id: "toolnode-1", user_id: "nina" } };

    // Round 1: both wrapped calls need consent, but LangGraph keeps only the
    // first interrupt of the task (the other is lost with the rejected Promise.all).
    const first = oauthInterrupts(await graph.invoke({ messages: [new HumanMessage("go")] }, config));
    expect(first).toHaveLength(1);
    const firstProvider = first[0]!.value.provider;
    const otherProvider = firstProvider === HUB ? MAIL : HUB;
    expect(first[0]!.value.toolCall).toEqual(firstProvider === HUB ? { id: "call_hub", name: "hub_me" } : { id: "call_mail", name: "mail_me" });
    expect(runs).toMatchObject({ hub: 0, mail: 0 });
    await h.consent(first[0]!.value.url, { user: "nina" });

    // Round 2: the consented call must not run (its sibling pauses the task),
    // and the sibling must not take the first resume value for its own.
    const second = oauthInterrupts(await graph.invoke(new Command({ resume: oauthResume(first[0]!.value) }), config));
    expect(second).toHaveLength(1);
    expect(second[0]!.value.provider).toBe(otherProvider);
    expect(second[0]!.value.authId).not.toBe(first[0]!.value.authId);
    expect(second[0]!.id).not.toBe(first[0]!.id);
    expect(runs).toMatchObject({ hub: 0, mail: 0 });
    const info = await h.broker.getAuth(second[0]!.value.authId);
    expect(info).toMatchObject({ status: "pending", provider: otherProvider, userId: "nina", threadId: "toolnode-1" });
    // The tool call travels with the pending authorization, for auto-resume and UIs.
    expect(info?.metadata).toEqual(otherProvider === HUB ? { toolName: "hub_me", toolCallId: "call_hub" } : { toolName: "mail_me", toolCallId: "call_mail" });
    await h.consent(second[0]!.value.url, { user: "nina" });

    // Round 3: everything runs, each wrapped body exactly once.
    const done = await graph.invoke(new Command({ resume: { [second[0]!.id]: oauthResume(second[0]!.value) } }), config);
    expect(oauthInterrupts(done)).toHaveLength(0);
    expect(runs.hub).toBe(1);
    expect(runs.mail).toBe(1);
    // A tool that is not wrapped cannot be held back: the task re-ran it each round.
    expect(runs.plain).toBe(3);
    const results = Object.fromEntries(toolMessages(done.messages).map((m) => [m.tool_call_id, m]));
    expect(JSON.parse(String(results["call_hub"]!.content))).toMatchObject({ status: 200, sub: "nina" });
    expect(JSON.parse(String(results["call_mail"]!.content))).toMatchObject({ status: 200, sub: "nina" });
    expect(results["call_plain"]!.content).toBe("plain");
    expect(done.messages.at(-1)?.content).toBe("all done");
  });

  it("a denied consent becomes an error ToolMessage the model sees, and the loop goes on", async () => {
    const { list, runs } = tools();
    const graph = agentGraph([[{ id: "call_hub", name: "hub_me", args: {} }], "understood"], list);
    const config = { configurable: { thread_id: "toolnode-2", user_id: "oscar" } };
    const [pending] = oauthInterrupts(await graph.invoke({ messages: [new HumanMessage("go")] }, config));
    await h.consent(pending!.value.url, { user: "oscar", decision: "deny" });
    const done = await graph.invoke(new Command({ resume: oauthResume(pending!.value, "denied") }), config);
    expect(oauthInterrupts(done)).toHaveLength(0);
    const [answer] = toolMessages(done.messages);
    expect(answer).toMatchObject({ tool_call_id: "call_hub", status: "error" });
    expect(String(answer!.content)).toMatch(/declined to connect DevHub, so "hub_me" did not run/);
    expect(runs.hub).toBe(0);
    expect(done.messages.at(-1)?.content).toBe("understood");
  });

  it("without a checkpointer the ToolMessage says how to fix it, not 'No checkpointer set'", async () => {
    const { list, runs } = tools();
    const graph = agentGraph([[{ id: "call_hub", name: "hub_me", args: {} }], "ok"], list, false);
    const done = await graph.invoke({ messages: [new HumanMessage("go")] }, { configurable: { thread_id: "t", user_id: "pat" } });
    const [answer] = toolMessages(done.messages);
    expect(answer?.status).toBe("error");
    expect(String(answer!.content)).toMatch(/has no checkpointer/);
    expect(String(answer!.content)).not.toMatch(/No checkpointer set/);
    expect(String(answer!.content)).toMatch(/compile\(\{ checkpointer: new MemorySaver\(\) \}\)/);
    expect(runs.hub).toBe(0);
  });
});
