import { HumanMessage } from "@langchain/core/messages";
import { tool } from "@langchain/core/tools";
import { Annotation, Command, MemorySaver, START, StateGraph } from "@langchain/langgraph";
import { createAgent } from "langchain";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { CheckpointerMissingError, getAccessToken, oauthMiddleware, OAuthRequiredError, oauthResume, withOAuth } from "./index.ts";
import { findSecrets } from "@langgraph-oauth/core/testing";
import { CLIENT, HUB, MAIL, oauthInterrupts, startHarness, type Harness } from "./testing/harness.ts";
import { ScriptedChatModel } from "./testing/scripted-model.ts";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.close());

describe("no token bytes leak (canary)", () => {
  it("the scanner finds a token planted in a checkpoint (control)", async () => {
    const saver = new MemorySaver();
    const graph = new StateGraph(Annotation.Root({ leaked: Annotation<string> }))
      .addNode("leak", () => ({ leaked: "canary-token-0123456789" }))
      .addEdge(START, "leak")
      .compile({ checkpointer: saver });
    await graph.invoke({}, { configurable: { thread_id: "control" } });
    expect(findSecrets([saver.storage, saver.writes], { planted: "canary-token-0123456789" }).map((f) => f.label)).toEqual(["planted"]);
  });

  it("not in checkpoints, pending writes, interrupt values, tool messages or errors of full runs", async () => {
    const secrets: Record<string, string> = { clientSecret: CLIENT.clientSecret };
    const record = (label: string, value: string | null | undefined) => {
      if (value) secrets[`${label}#${Object.keys(secrets).length}`] = value;
    };
    const consent = async (url: string, user: string, decision: "approve" | "deny" = "approve") => {
      const result = await h.consent(url, { user, decision });
      record("code", new URL(result.redirect).searchParams.get("code"));
      return result;
    };
    const evidence: unknown[] = [];

    // createAgent + oauthMiddleware, three calls on two providers.
    const tokenTool = (name: string, provider: string) =>
      tool(
        async () => {
          const token = getAccessToken();
          record("accessToken", token);
          return JSON.stringify(await h.me(provider, token));
        },
        { name, description: name, schema: z.object({}) },
      );
    const agentSaver = new MemorySaver();
    const agent = createAgent({
      model: new ScriptedChatModel([
        [
          { id: "c1", name: "repos", args: {} },
          { id: "c2", name: "profile", args: {} },
          { id: "c3", name: "mail", args: {} },
        ],
        "done",
      ]),
      tools: [tokenTool("repos", HUB), tokenTool("profile", HUB), tokenTool("mail", MAIL)],
      middleware: [
        oauthMiddleware({
          broker: h.broker,
          tools: { repos: { provider: HUB, scopes: ["repo"] }, profile: { provider: HUB, scopes: ["repo", "read:user"] }, mail: { provider: MAIL, scopes: ["mail.send"] } },
        }),
      ],
      checkpointer: agentSaver,
    });
    const config = { configurable: { thread_id: "canary-agent", user_id: "canary-user" } };
    let result = await agent.invoke({ messages: [new HumanMessage("go")] }, config);
    for (let round = 0; round < 4 && oauthInterrupts(result).length > 0; round++) {
      const pending = oauthInterrupts(result);
      evidence.push(pending);
      for (const url of new Set(pending.map((i) => i.value.url))) await consent(url, "canary-user");
      result = await agent.invoke(new Command({ resume: Object.fromEntries(pending.map((i) => [i.id, oauthResume(i.value)])) }), config);
    }
    expect(oauthInterrupts(result)).toHaveLength(0);
    evidence.push(result.messages);

    // A plain graph: a denied consent, then an approved one.
    const graphSaver = new MemorySaver();
    const wrapped = withOAuth(tokenTool("mail2", MAIL), { broker: h.broker, provider: MAIL, scopes: ["mail.send"] });
    const graph = new StateGraph(Annotation.Root({ out: Annotation<string> }))
      .addNode("work", async () => ({ out: String(await wrapped.invoke({})) }))
      .addEdge(START, "work")
      .compile({ checkpointer: graphSaver });
    const denyConfig = { configurable: { thread_id: "canary-deny", user_id: "canary-2" } };
    const [denied] = oauthInterrupts(await graph.invoke({}, denyConfig));
    await consent(denied!.value.url, "canary-2", "deny");
    evidence.push(await graph.invoke(new Command({ resume: oauthResume(denied!.value, "denied") }), denyConfig));
    const okConfig = { configurable: { thread_id: "canary-ok", user_id: "canary-2" } };
    const [ok] = oauthInterrupts(await graph.invoke({}, okConfig));
    await consent(ok!.value.url, "canary-2");
    evidence.push(await graph.invoke(new Command({ resume: oauthResume(ok!.value) }), okConfig));

    // Errors: outside a graph (after the user revoked), and without a checkpointer.
    await h.broker.revoke({ userId: "canary-2", provider: MAIL });
    const outside = await wrapped.invoke({}, { configurable: { user_id: "canary-2" } }).catch((e: unknown) => e);
    expect(outside).toBeInstanceOf(OAuthRequiredError);
    const noSaver = new StateGraph(Annotation.Root({ out: Annotation<string> }))
      .addNode("work", async () => ({ out: String(await wrapped.invoke({})) }))
      .addEdge(START, "work")
      .compile();
    const missing = await noSaver.invoke({}, { configurable: { user_id: "canary-2" } }).catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(CheckpointerMissingError);
    evidence.push(outside, missing, (outside as OAuthRequiredError).interrupt);

    const tokens = Object.keys(secrets).filter((k) => k.startsWith("accessToken"));
    const codes = Object.keys(secrets).filter((k) => k.startsWith("code"));
    expect(tokens.length).toBeGreaterThanOrEqual(4);
    expect(codes.length).toBeGreaterThanOrEqual(4);
    expect(findSecrets([agentSaver.storage, agentSaver.writes, graphSaver.storage, graphSaver.writes], secrets)).toEqual([]);
    expect(findSecrets(evidence, secrets)).toEqual([]);
  });
});
