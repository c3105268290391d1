import { HumanMessage, ToolMessage, type BaseMessage } from "@langchain/core/messages";
import { tool } from "@langchain/core/tools";
import { Annotation, Command, MemorySaver, StateGraph } from "@langchain/langgraph";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import type { CallbackResult } from "@langgraph-oauth/core";
import { isOAuthInterrupt, oauthResume, withOAuth, type OAuthInterrupt } from "@langgraph-oauth/langgraph";
import { ConfigurationError } from "@langgraph-oauth/core";
import { createTestAgent, type TestAgent } from "../testing/agent.ts";
import { pathOf, startFixture, type Fixture } from "../testing/fixtures.ts";
import { autoResume, type AutoResumeHook, type AutoResumeOutcome, type AutoResumeOptions } from "./auto-resume.ts";
import { AutoResumeError } from "./errors.ts";

let fx: Fixture;
/** The hook under test; createOAuthApp is built once, so its onCallback forwards here. */
let current: AutoResumeHook | undefined;

beforeAll(async () => {
  fx = await startFixture({ providerIds: ["devhub", "devmail"], app: { onCallback: (result) => current?.(result) } });
});
afterAll(() => fx?.close());

interface Recorded {
  outcomes: AutoResumeOutcome[];
  errors: unknown[];
}

let recorded: Recorded;
beforeEach(() => {
  current = undefined;
  recorded = { outcomes: [], errors: [] };
});

function install(options: Omit<AutoResumeOptions, "broker" | "onOutcome" | "onError">): AutoResumeHook {
  current = autoResume({
    broker: fx.broker,
    onOutcome: (o) => recorded.outcomes.push(o),
    onError: (e) => recorded.errors.push(e),
    ...options,
  } as AutoResumeOptions);
  return current;
}

const configOf = (threadId: string, userId = "ada") => ({ configurable: { thread_id: threadId, user_id: userId } });

async function startRun(agent: TestAgent, threadId: string, userId = "ada"): Promise<Array<{ id: string; value: OAuthInterrupt }>> {
  const result = (await agent.graph.invoke({ messages: [new HumanMessage("go")] }, configOf(threadId, userId))) as { __interrupt__?: Array<{ id?: string; value?: unknown }> };
  return (result.__interrupt__ ?? []).flatMap((i) => (typeof i.id === "string" && isOAuthInterrupt(i.value) ? [{ id: i.id, value: i.value }] : []));
}

/** The person consents at the provider; the browser follows the redirect to the callback route. */
async function consentThroughRoute(url: string, user = "ada", decision: "approve" | "deny" = "approve"): Promise<Response> {
  const dev = url.startsWith(fx.dev.issuer) ? fx.dev : undefined;
  if (!dev) throw new Error(`not issued by the dev provider: ${url}`);
  const redirect = await dev.consent(url, { user, decision });
  const page = await fx.app.request(pathOf(redirect));
  expect(page.status).toBe(200);
  return page;
}

async function messagesOf(agent: TestAgent, threadId: string): Promise<{ messages: BaseMessage[]; pending: number }> {
  const state = await agent.graph.getState(configOf(threadId));
  return {
    messages: (state.values as { messages: BaseMessage[] }).messages,
    pending: state.tasks.flatMap((t) => t.interrupts ?? []).length,
  };
}

const toolMessages = (messages: BaseMessage[]) => messages.filter((m): m is ToolMessage => ToolMessage.isInstance(m));
const tools = () => [
  { name: "whoami_hub", provider: "devhub", dev: fx.dev },
  { name: "whoami_mail", provider: "devmail", dev: fx.dev },
];

describe("autoResume({ graph }) behind the callback route", () => {
  it("a consent resumes the thread: the tool body runs once, with the user's token, and the agent finishes", async () => {
    const agent = createTestAgent(fx.broker, tools().slice(0, 1));
    install({ graph: agent.graph });
    const [interrupt] = await startRun(agent, "t-basic");
    expect(interrupt).toBeDefined();
    expect(agent.runs).toHaveLength(0);

    const page = await consentThroughRoute(interrupt!.value.url);
    expect(await page.text()).toContain("You can close this window");
    await current!.idle();

    expect(recorded.errors).toEqual([]);
    expect(recorded.outcomes).toEqual([{ status: "resumed", authId: interrupt!.value.authId, threadId: "t-basic", interruptIds: [interrupt!.id], runId: undefined }]);
    expect(agent.runs.map((r) => r.tool)).toEqual(["whoami_hub"]);
    const { messages, pending } = await messagesOf(agent, "t-basic");
    expect(pending).toBe(0);
    expect(JSON.parse(String(toolMessages(messages)[0]?.content))).toMatchObject({ sub: "ada", scopes: expect.arrayContaining(["read:user"]) });
    expect(String(messages.at(-1)?.content)).toMatch(/^done: /);
  });

  it("parallel tool calls sharing one consent: all their interrupts resume in one map, each body runs once", async () => {
    const agent = createTestAgent(fx.broker, tools().slice(0, 1), { toolCalls: ["whoami_hub", "whoami_hub"] });
    install({ graph: agent.graph });
    const interrupts = await startRun(agent, "t-parallel", "pia");
    expect(interrupts).toHaveLength(2);
    expect(interrupts[0]!.value.authId).toBe(interrupts[1]!.value.authId);

    await consentThroughRoute(interrupts[0]!.value.url, "pia");
    await current!.idle();

    expect(recorded.outcomes).toHaveLength(1);
    expect(recorded.outcomes[0]).toMatchObject({ status: "resumed" });
    expect((recorded.outcomes[0] as { interruptIds: string[] }).interruptIds.sort()).toEqual(interrupts.map((i) => i.id).sort());
    expect(agent.runs).toHaveLength(2);
    expect(new Set(agent.runs.map((r) => r.toolCallId)).size).toBe(2);
    const { messages, pending } = await messagesOf(agent, "t-parallel");
    expect(pending).toBe(0);
    expect(toolMessages(messages)).toHaveLength(2);
  });

  it("a denied consent resumes with status denied: the tool does not run and says why", async () => {
    const agent = createTestAgent(fx.broker, tools().slice(0, 1));
    install({ graph: agent.graph });
    const [interrupt] = await startRun(agent, "t-denied", "dora");
    const page = await consentThroughRoute(interrupt!.value.url, "dora", "deny");
    expect(await page.text()).toContain("Access was not granted");
    await current!.idle();

    expect(recorded.outcomes[0]).toMatchObject({ status: "resumed", interruptIds: [interrupt!.id] });
    expect(agent.runs).toHaveLength(0);
    const { messages, pending } = await messagesOf(agent, "t-denied");
    expect(pending).toBe(0);
    const answer = toolMessages(messages)[0];
    expect(answer?.status).toBe("error");
    expect(String(answer?.content)).toMatch(/declined to connect/);
  });

  it("idempotent: a second resume for the same consent, even a concurrent one, does nothing", async () => {
    const agent = createTestAgent(fx.broker, tools().slice(0, 1));
    const hook = install({ graph: agent.graph });
    const [interrupt] = await startRun(agent, "t-twice", "ivy");
    // The callback completes without the route, so both resumes are ours to start.
    const callback = await fx.broker.handleCallback(await fx.dev.consent(interrupt!.value.url, { user: "ivy" }));

    const outcomes = await Promise.all([hook.resume(callback), hook.resume(callback)]);
    expect(outcomes.map((o) => o.status).sort()).toEqual(["resumed", "skipped"]);
    expect(outcomes.find((o) => o.status === "skipped")).toMatchObject({ reason: "not_pending" });
    expect(await hook.resume(callback)).toMatchObject({ status: "skipped", reason: "not_pending" });
    expect(agent.runs).toHaveLength(1);
  });

  it("two providers consented at the same moment: one thread, each tool body runs once", async () => {
    const agent = createTestAgent(fx.broker, tools());
    install({ graph: agent.graph });
    const interrupts = await startRun(agent, "t-two", "tess");
    expect(interrupts.map((i) => i.value.provider).sort()).toEqual(["devhub", "devmail"]);
    const redirects = await Promise.all(interrupts.map((i) => fx.dev.consent(i.value.url, { user: "tess" })));
    const pages = await Promise.all(redirects.map((r) => fx.app.request(pathOf(r))));
    expect(pages.map((p) => p.status)).toEqual([200, 200]);
    await current!.idle();

    expect(recorded.errors).toEqual([]);
    expect(recorded.outcomes.some((o) => o.status === "resumed")).toBe(true);
    expect(agent.runs.map((r) => r.tool).sort()).toEqual(["whoami_hub", "whoami_mail"]);
    const { messages, pending } = await messagesOf(agent, "t-two");
    expect(pending).toBe(0);
    expect(toolMessages(messages).map((m) => JSON.parse(String(m.content)).sub)).toEqual(["tess", "tess"]);
  });

  it("the resumed run is for the user bound to the consent, whatever the config function says", async () => {
    const agent = createTestAgent(fx.broker, tools().slice(0, 1));
    const seen: string[] = [];
    install({
      graph: agent.graph,
      config: (callback) => {
        seen.push(callback.userId);
        return { configurable: { user_id: "mallory" }, tags: ["auto-resume"] };
      },
    });
    const [interrupt] = await startRun(agent, "t-identity", "uma");
    await consentThroughRoute(interrupt!.value.url, "uma");
    await current!.idle();
    expect(seen).toContain("uma");
    const { messages } = await messagesOf(agent, "t-identity");
    expect(JSON.parse(String(toolMessages(messages)[0]?.content)).sub).toBe("uma");
  });

  it("withOAuth refuses a resume run for another user than the one bound to the consent", async () => {
    const agent = createTestAgent(fx.broker, tools().slice(0, 1));
    const [interrupt] = await startRun(agent, "t-foreign", "vera");
    await fx.broker.handleCallback(await fx.dev.consent(interrupt!.value.url, { user: "vera" }));
    const resume = new Command({ resume: { [interrupt!.id]: oauthResume(interrupt!.value) } });
    // withOAuth alone (no oauthMiddleware): ToolNode turns the refusal into the call's error
    // ToolMessage. Under oauthMiddleware the run fails instead (test/langgraph-dev.test.ts).
    const done = (await agent.graph.invoke(resume, configOf("t-foreign", "mallory"))) as { messages: BaseMessage[] };
    expect(agent.runs).toHaveLength(0);
    const answer = toolMessages(done.messages).at(-1);
    expect(answer?.status).toBe("error");
    expect(String(answer?.content)).toMatch(/^ResumeUserMismatchError: .*another user/);
  });

  it("skips: no thread, filtered out", async () => {
    const agent = createTestAgent(fx.broker, tools().slice(0, 1));
    const hook = install({ graph: agent.graph, filter: (callback) => callback.userId !== "nina" });

    const lone = await fx.broker.authenticate({ userId: "lone", provider: "devhub", scopes: ["read:user"] });
    if (lone.status !== "pending") throw new Error("expected pending");
    const loneCallback = await fx.broker.handleCallback(await fx.dev.consent(lone.url, { user: "lone" }));
    expect(await hook.resume(loneCallback)).toEqual({ status: "skipped", authId: lone.authId, reason: "no_thread" });

    const [interrupt] = await startRun(agent, "t-filtered", "nina");
    await consentThroughRoute(interrupt!.value.url, "nina");
    await hook.idle();
    expect(recorded.outcomes).toEqual([{ status: "skipped", authId: interrupt!.value.authId, threadId: "t-filtered", reason: "filtered" }]);
    expect((await messagesOf(agent, "t-filtered")).pending).toBe(1);
    expect(agent.runs).toHaveLength(0);
  });

  it("a run that fails after resuming is reported to onError as auto_resume_failed; the page still says connected", async () => {
    // A plain graph whose node uses a wrapped tool, then fails.
    const whoami = withOAuth(tool(async () => "ok", { name: "whoami", description: "who", schema: z.object({}) }), {
      broker: fx.broker,
      provider: "devhub",
      scopes: ["read:user"],
    });
    const State = Annotation.Root({ done: Annotation<boolean> });
    const graph = new StateGraph(State)
      .addNode("work", async (_state, config) => {
        await whoami.invoke({}, config);
        throw new Error("downstream service failed");
      })
      .addEdge("__start__", "work")
      .compile({ checkpointer: new MemorySaver() });
    install({ graph });
    const first = (await graph.invoke({ done: false }, configOf("t-fails", "fay"))) as { __interrupt__?: Array<{ value?: unknown }> };
    const value = first.__interrupt__?.[0]?.value;
    if (!isOAuthInterrupt(value)) throw new Error("expected an OAuth interrupt");
    const page = await consentThroughRoute(value.url, "fay");
    expect(await page.text()).toContain("You can close this window");
    await current!.idle();
    expect(recorded.outcomes).toEqual([]);
    expect(recorded.errors).toHaveLength(1);
    const error = recorded.errors[0] as AutoResumeError;
    expect(error).toBeInstanceOf(AutoResumeError);
    expect(error.code).toBe("auto_resume_failed");
    expect(error.message).toContain("downstream service failed");
    expect(error.threadId).toBe("t-fails");
  });

  it("configuration errors are typed and say what to pass", () => {
    const graph = createTestAgent(fx.broker, tools().slice(0, 1)).graph;
    expect(() => autoResume({ graph } as unknown as AutoResumeOptions)).toThrow(ConfigurationError);
    expect(() => autoResume({ broker: fx.broker, graph, apiUrl: "http://127.0.0.1:1" } as unknown as AutoResumeOptions)).toThrow(/not both/);
    expect(() => autoResume({ broker: fx.broker, graph: {} } as unknown as AutoResumeOptions)).toThrow(/compiled graph/);
    expect(() => autoResume({ broker: fx.broker, graph, busyTimeoutMs: -1 })).toThrow(/busyTimeoutMs/);
  });

  it("outside a LangGraph server, the server variant without apiUrl or client fails with a clear error", async () => {
    const hook = autoResume({ broker: fx.broker });
    const callback: CallbackResult = { authId: "a", status: "completed", provider: "devhub", userId: "u", threadId: "t" };
    await expect(hook.resume(callback)).rejects.toMatchObject({ code: "invalid_configuration", message: expect.stringContaining("apiUrl") });
  });
});
