import { HumanMessage, ToolMessage, type BaseMessage } from "@langchain/core/messages";
import { tool } from "@langchain/core/tools";
import { Command, MemorySaver } from "@langchain/langgraph";
import { createAgent, createMiddleware, toolRetryMiddleware, type AgentMiddleware } from "langchain";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { CheckpointerMissingError, getAccessToken, oauthMiddleware, oauthResume, withOAuth } from "./index.ts";
import { HUB, MAIL, oauthInterrupts, startHarness, type Harness } from "./testing/harness.ts";
import { ScriptedChatModel } from "./testing/scripted-model.ts";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.close());

/** Plain tools (not wrapped): oauthMiddleware gives them their tokens. */
function plainTools(runs: Record<string, number>) {
  const make = (name: string, provider: string) =>
    tool(
      async () => {
        runs[name] = (runs[name] ?? 0) + 1;
        return JSON.stringify(await h.me(provider, getAccessToken()));
      },
      { name, description: `${name} at ${provider}`, schema: z.object({}) },
    );
  return [make("list_repos", HUB), make("get_profile", HUB), make("send_mail", MAIL)];
}

/**
 * langchain's own typing of toolRetryMiddleware does not compile under
 * exactOptionalPropertyTypes (its zod v3 context schema); the value is fine.
 */
const retry = () => toolRetryMiddleware({ maxRetries: 2, initialDelayMs: 0 }) as unknown as AgentMiddleware;

const toolMessages = (messages: BaseMessage[]) => messages.filter((m): m is ToolMessage => ToolMessage.isInstance(m));
const threeCalls = [
  { id: "call_repos", name: "list_repos", args: {} },
  { id: "call_profile", name: "get_profile", args: {} },
  { id: "call_mail", name: "send_mail", args: {} },
];

/** One AI message calling three plain tools on two providers, gated by oauthMiddleware. */
function threeToolAgent(runs: Record<string, number>) {
  return createAgent({
    model: new ScriptedChatModel([threeCalls, "done"]),
    tools: plainTools(runs),
    middleware: [
      oauthMiddleware({
        broker: h.broker,
        tools: {
          list_repos: { provider: HUB, scopes: ["repo"] },
          get_profile: { provider: HUB, scopes: ["repo"] },
          send_mail: { provider: MAIL, scopes: ["mail.send"] },
        },
      }),
    ],
    checkpointer: new MemorySaver(),
  });
}

describe("createAgent with oauthMiddleware", () => {
  it("one AI message calling three tools on two providers: all interrupts at once, one resume map completes them", async () => {
    const runs: Record<string, number> = {};
    const agent = threeToolAgent(runs);
    const config = { configurable: { thread_id: "agent-1", user_id: "quinn" } };

    const first = oauthInterrupts(await agent.invoke({ messages: [new HumanMessage("go")] }, config));
    expect(first).toHaveLength(3);
    expect(new Set(first.map((i) => i.id)).size).toBe(3);
    expect(first.map((i) => i.value.toolCall?.id).sort()).toEqual(["call_mail", "call_profile", "call_repos"]);
    expect(Object.keys(runs)).toHaveLength(0);

    // Calls that need the same consent share one authorization: one URL per provider.
    const urls = [...new Set(first.map((i) => i.value.url))];
    expect(urls).toHaveLength(2);
    const hubCalls = first.filter((i) => i.value.provider === HUB);
    expect(hubCalls).toHaveLength(2);
    expect(hubCalls[0]!.value.authId).toBe(hubCalls[1]!.value.authId);
    for (const url of urls) expect((await h.consent(url, { user: "quinn" })).status).toBe("completed");

    const resume = Object.fromEntries(first.map((i) => [i.id, oauthResume(i.value)]));
    const done = await agent.invoke(new Command({ resume }), config);
    expect(oauthInterrupts(done)).toHaveLength(0);
    expect(runs).toEqual({ list_repos: 1, get_profile: 1, send_mail: 1 });
    for (const message of toolMessages(done.messages)) {
      expect(JSON.parse(String(message.content))).toMatchObject({ status: 200, sub: "quinn" });
    }
    expect(done.messages.at(-1)?.content).toBe("done");
  });

  it("a denial at the provider answers every call that shared that consent, with no new prompt", async () => {
    const runs: Record<string, number> = {};
    const agent = threeToolAgent(runs);
    const config = { configurable: { thread_id: "agent-deny", user_id: "wendy" } };
    const first = oauthInterrupts(await agent.invoke({ messages: [new HumanMessage("go")] }, config));
    const hub = first.find((i) => i.value.provider === HUB)!;
    const mail = first.find((i) => i.value.provider === MAIL)!;
    expect((await h.consent(hub.value.url, { user: "wendy", decision: "deny" })).status).toBe("denied");
    expect((await h.consent(mail.value.url, { user: "wendy" })).status).toBe("completed");

    const resume = Object.fromEntries(first.map((i) => [i.id, oauthResume(i.value, i.value.provider === HUB ? "denied" : "completed")]));
    const done = await agent.invoke(new Command({ resume }), config);
    expect(oauthInterrupts(done)).toHaveLength(0);
    expect(runs).toEqual({ send_mail: 1 });
    const byId = Object.fromEntries(toolMessages(done.messages).map((m) => [m.tool_call_id, m]));
    for (const id of ["call_repos", "call_profile"]) {
      expect(byId[id]?.status).toBe("error");
      expect(String(byId[id]!.content)).toMatch(/declined to connect DevHub/);
    }
    expect(JSON.parse(String(byId["call_mail"]!.content))).toMatchObject({ status: 200, sub: "wendy" });
  });

  it("is equivalent to what createMiddleware builds", () => {
    const ours = oauthMiddleware({ broker: h.broker, tools: {} });
    const theirs = createMiddleware({ name: ours.name, wrapToolCall: ours.wrapToolCall! });
    expect(Object.getOwnPropertySymbols(ours)).toEqual(Object.getOwnPropertySymbols(theirs));
    expect(Object.getOwnPropertySymbols(ours).map((s) => (ours as unknown as Record<symbol, unknown>)[s])).toEqual([true]);
  });

  it("oauthMiddleware outside toolRetryMiddleware: the interrupt surfaces and the tool runs once after consent", async () => {
    const runs: Record<string, number> = {};
    const agent = createAgent({
      model: new ScriptedChatModel([[threeCalls[0]!], "done"]),
      tools: plainTools(runs),
      middleware: [
        oauthMiddleware({ broker: h.broker, tools: { list_repos: { provider: HUB, scopes: ["repo"] } } }),
        retry(),
      ],
      checkpointer: new MemorySaver(),
    });
    const config = { configurable: { thread_id: "agent-2", user_id: "rita" } };
    const [pending] = oauthInterrupts(await agent.invoke({ messages: [new HumanMessage("go")] }, config));
    expect(pending?.value.provider).toBe(HUB);
    await h.consent(pending!.value.url, { user: "rita" });
    const done = await agent.invoke(new Command({ resume: oauthResume(pending!.value) }), config);
    expect(runs).toEqual({ list_repos: 1 });
    expect(JSON.parse(String(toolMessages(done.messages)[0]!.content))).toMatchObject({ sub: "rita" });
  });

  it("toolRetryMiddleware outside oauthMiddleware swallows the interrupt (the order the README warns against)", async () => {
    const runs: Record<string, number> = {};
    const agent = createAgent({
      model: new ScriptedChatModel([[threeCalls[0]!], "done"]),
      tools: plainTools(runs),
      middleware: [
        retry(),
        oauthMiddleware({ broker: h.broker, tools: { list_repos: { provider: HUB, scopes: ["repo"] } } }),
      ],
      checkpointer: new MemorySaver(),
    });
    const done = await agent.invoke({ messages: [new HumanMessage("go")] }, { configurable: { thread_id: "agent-3", user_id: "sam" } });
    expect(oauthInterrupts(done)).toHaveLength(0);
    expect(String(toolMessages(done.messages)[0]!.content)).toMatch(/failed after 3 attempts with GraphInterrupt/);
    expect(runs).toEqual({});
  });

  it("gates withOAuth tools too, so they keep working under toolRetryMiddleware when oauthMiddleware is outermost", async () => {
    let runs = 0;
    const wrapped = withOAuth(
      tool(
        async () => {
          runs += 1;
          return JSON.stringify(await h.me(HUB, getAccessToken()));
        },
        { name: "wrapped_repos", description: "wrapped", schema: z.object({}) },
      ),
      { broker: h.broker, provider: HUB, scopes: ["repo"] },
    );
    const agent = createAgent({
      model: new ScriptedChatModel([[{ id: "call_w", name: "wrapped_repos", args: {} }], "done"]),
      tools: [wrapped],
      middleware: [oauthMiddleware({ broker: h.broker }), retry()],
      checkpointer: new MemorySaver(),
    });
    const config = { configurable: { thread_id: "agent-4", user_id: "tara" } };
    const [pending] = oauthInterrupts(await agent.invoke({ messages: [new HumanMessage("go")] }, config));
    expect(pending?.value.toolCall).toEqual({ id: "call_w", name: "wrapped_repos" });
    await h.consent(pending!.value.url, { user: "tara" });
    const done = await agent.invoke(new Command({ resume: oauthResume(pending!.value) }), config);
    expect(runs).toBe(1);
    expect(JSON.parse(String(toolMessages(done.messages)[0]!.content))).toMatchObject({ sub: "tara" });
  });

  it("withOAuth tools work under createAgent without any middleware", async () => {
    let runs = 0;
    const wrapped = withOAuth(
      tool(
        async () => {
          runs += 1;
          return JSON.stringify(await h.me(MAIL, getAccessToken()));
        },
        { name: "wrapped_mail", description: "wrapped", schema: z.object({}) },
      ),
      { broker: h.broker, provider: MAIL, scopes: ["mail.send"] },
    );
    const agent = createAgent({
      model: new ScriptedChatModel([[{ id: "call_m", name: "wrapped_mail", args: {} }], "done"]),
      tools: [wrapped],
      checkpointer: new MemorySaver(),
    });
    const config = { configurable: { thread_id: "agent-5", user_id: "uma" } };
    const [pending] = oauthInterrupts(await agent.invoke({ messages: [new HumanMessage("go")] }, config));
    await h.consent(pending!.value.url, { user: "uma" });
    const done = await agent.invoke(new Command({ resume: oauthResume(pending!.value) }), config);
    expect(runs).toBe(1);
    expect(JSON.parse(String(toolMessages(done.messages)[0]!.content))).toMatchObject({ sub: "uma", status: 200 });
  });

  it("a cancelled consent answers the call with an error ToolMessage and the agent continues", async () => {
    const runs: Record<string, number> = {};
    const agent = createAgent({
      model: new ScriptedChatModel([[threeCalls[2]!], "ok, no mail"]),
      tools: plainTools(runs),
      middleware: [oauthMiddleware({ broker: h.broker, tools: { send_mail: { provider: MAIL, scopes: ["mail.send"] } } })],
      checkpointer: new MemorySaver(),
    });
    const config = { configurable: { thread_id: "agent-6", user_id: "vera" } };
    const [pending] = oauthInterrupts(await agent.invoke({ messages: [new HumanMessage("go")] }, config));
    const done = await agent.invoke(new Command({ resume: oauthResume(pending!.value, "cancelled") }), config);
    expect(oauthInterrupts(done)).toHaveLength(0);
    expect(toolMessages(done.messages)[0]).toMatchObject({ status: "error", tool_call_id: "call_mail" });
    expect(String(toolMessages(done.messages)[0]!.content)).toMatch(/cancelled connecting DevMail/);
    expect(runs).toEqual({});
    expect(done.messages.at(-1)?.content).toBe("ok, no mail");
  });

  it("a tool listed with two providers interrupts once per provider, in order, then runs once", async () => {
    let runs = 0;
    const both = tool(
      async () => {
        runs += 1;
        const [a, b] = await Promise.all([h.me(HUB, getAccessToken(HUB)), h.me(MAIL, getAccessToken(MAIL))]);
        return JSON.stringify([a.status, b.status]);
      },
      { name: "crosspost", description: "both", schema: z.object({}) },
    );
    const agent = createAgent({
      model: new ScriptedChatModel([[{ id: "call_x", name: "crosspost", args: {} }], "done"]),
      tools: [both],
      middleware: [
        oauthMiddleware({ broker: h.broker, tools: { crosspost: [{ provider: HUB, scopes: ["repo"] }, { provider: MAIL, scopes: ["mail.send"] }] } }),
      ],
      checkpointer: new MemorySaver(),
    });
    const config = { configurable: { thread_id: "agent-both", user_id: "xavi" } };
    const [first] = oauthInterrupts(await agent.invoke({ messages: [new HumanMessage("go")] }, config));
    expect(first?.value.provider).toBe(HUB);
    await h.consent(first!.value.url, { user: "xavi" });
    const [second] = oauthInterrupts(await agent.invoke(new Command({ resume: { [first!.id]: oauthResume(first!.value) } }), config));
    expect(second?.value.provider).toBe(MAIL);
    expect(runs).toBe(0);
    await h.consent(second!.value.url, { user: "xavi" });
    const done = await agent.invoke(new Command({ resume: { [second!.id]: oauthResume(second!.value) } }), config);
    expect(runs).toBe(1);
    expect(toolMessages(done.messages)[0]?.content).toBe("[200,200]");
  });

  it("without a checkpointer the run fails with the typed error as cause (middleware errors are not turned into ToolMessages)", async () => {
    const runs: Record<string, number> = {};
    const agent = createAgent({
      model: new ScriptedChatModel([[threeCalls[0]!], "done"]),
      tools: plainTools(runs),
      middleware: [oauthMiddleware({ broker: h.broker, tools: { list_repos: { provider: HUB, scopes: ["repo"] } } })],
    });
    const error = await agent.invoke({ messages: [new HumanMessage("go")] }, { configurable: { user_id: "yves" } }).catch((e: unknown) => e);
    // langchain wraps what wrapToolCall throws in its MiddlewareError, keeping name, message and cause.
    expect((error as Error).name).toBe("CheckpointerMissingError");
    expect((error as Error).cause).toBeInstanceOf(CheckpointerMissingError);
    expect(((error as Error).cause as CheckpointerMissingError).code).toBe("checkpointer_missing");
    expect((error as Error).message).toMatch(/createAgent\(\{ \.\.\., checkpointer: new MemorySaver\(\) \}\)/);
    expect(runs).toEqual({});
  });
});
