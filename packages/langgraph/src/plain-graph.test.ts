import { tool, type StructuredToolInterface } from "@langchain/core/tools";
import { Annotation, Command, interrupt, MemorySaver, START, StateGraph } from "@langchain/langgraph";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import {
  CheckpointerMissingError,
  getAccessToken,
  OAuthContextError,
  OAuthDeniedError,
  oauthResume,
  ResumeUserMismatchError,
  UserUnknownError,
  withOAuth,
  type WithOAuthOptions,
} from "./index.ts";
import { HUB, MAIL, oauthInterrupts, startHarness, type Harness } from "./testing/harness.ts";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.close());

type Wrap = (t: StructuredToolInterface) => StructuredToolInterface;

/** A tool that calls the provider's API with its token, and records each run of its body. */
function repoTool(provider = HUB) {
  const runs: Array<{ token: string }> = [];
  const t = tool(
    async ({ owner }) => {
      const token = getAccessToken(provider);
      runs.push({ token });
      const me = await h.me(provider, token);
      return JSON.stringify({ owner, ...me });
    },
    { name: "list_repos", description: "List the user's repositories", schema: z.object({ owner: z.string() }) },
  );
  return { tool: t, runs };
}

/** One node that calls the (wrapped) tool directly, as a hand-written graph would. */
function graphCalling(wrapped: StructuredToolInterface, opts: { checkpointer?: boolean } = {}) {
  const State = Annotation.Root({ out: Annotation<string> });
  const builder = new StateGraph(State)
    .addNode("work", async () => ({ out: String(await wrapped.invoke({ owner: "octo" })) }))
    .addEdge(START, "work");
  return opts.checkpointer === false ? builder.compile() : builder.compile({ checkpointer: new MemorySaver() });
}

function wrapHub(scopes: string[] = ["repo"], extra: Partial<WithOAuthOptions> = {}): Wrap {
  return (t) => withOAuth(t, { broker: h.broker, provider: HUB, scopes, ...extra } as WithOAuthOptions);
}

let threadSeq = 0;
function runConfig(userId: string) {
  threadSeq += 1;
  return { configurable: { thread_id: `plain-${threadSeq}`, user_id: userId } };
}

describe("plain StateGraph node calling a wrapped tool", () => {
  it("interrupts, and after consent and resume runs the body once with a token the provider accepts", async () => {
    const { tool: t, runs } = repoTool();
    const graph = graphCalling(wrapHub()(t));
    const config = runConfig("alice");

    const first = await graph.invoke({}, config);
    const [pending] = oauthInterrupts(first);
    expect(pending?.value).toMatchObject({
      type: "oauth_required",
      version: 1,
      provider: HUB,
      providerName: "DevHub",
      reason: "connection_required",
      auth_required: true,
    });
    expect(pending!.value.scopes).toContain("repo");
    expect(pending!.value.auth_url).toBe(pending!.value.url);
    expect(pending!.value.auth_id).toBe(pending!.value.authId);
    expect(pending!.value.message).toMatch(/DevHub.*open the url/);
    expect(runs).toHaveLength(0);

    const callback = await h.consent(pending!.value.url, { user: "alice" });
    expect(callback).toMatchObject({ status: "completed", userId: "alice", threadId: config.configurable.thread_id });

    const second = await graph.invoke(new Command({ resume: oauthResume(pending!.value) }), config);
    expect(oauthInterrupts(second)).toHaveLength(0);
    expect(runs).toHaveLength(1);
    const out = JSON.parse(second.out);
    expect(out).toMatchObject({ owner: "octo", status: 200, sub: "alice" });
    expect(out.scopes).toContain("repo");
  });

  it("a resume before consent, or a forged one, runs nothing and interrupts again with the same authId", async () => {
    const { tool: t, runs } = repoTool();
    const graph = graphCalling(wrapHub()(t));
    const config = runConfig("carol");
    const [pending] = oauthInterrupts(await graph.invoke({}, config));

    const early = await graph.invoke(new Command({ resume: { authId: pending!.value.authId, status: "completed" } }), config);
    const [again] = oauthInterrupts(early);
    expect(again?.value.authId).toBe(pending!.value.authId);
    expect(again?.value.url).toBe(pending!.value.url);

    const forged = await graph.invoke(new Command({ resume: { authId: "auth_forgedforgedforged", status: "completed" } }), config);
    expect(oauthInterrupts(forged)[0]?.value.authId).toBe(pending!.value.authId);
    expect(runs).toHaveLength(0);

    await h.consent(pending!.value.url, { user: "carol" });
    const done = await graph.invoke(new Command({ resume: oauthResume(pending!.value) }), config);
    expect(runs).toHaveLength(1);
    expect(JSON.parse(done.out)).toMatchObject({ status: 200, sub: "carol" });
  });

  it("denied at the provider: the tool answers that it did not run, without another interrupt", async () => {
    const { tool: t, runs } = repoTool();
    const graph = graphCalling(wrapHub()(t));
    const config = runConfig("dave");
    const [pending] = oauthInterrupts(await graph.invoke({}, config));

    const callback = await h.consent(pending!.value.url, { user: "dave", decision: "deny" });
    expect(callback.status).toBe("denied");
    const done = await graph.invoke(new Command({ resume: oauthResume(pending!.value, "denied") }), config);
    expect(oauthInterrupts(done)).toHaveLength(0);
    expect(done.out).toMatch(/declined to connect DevHub/);
    expect(runs).toHaveLength(0);
  });

  it("a client that resumes 'completed' after a denial still gets the denial (the broker is asked)", async () => {
    const { tool: t, runs } = repoTool();
    const graph = graphCalling(wrapHub()(t));
    const config = runConfig("erin");
    const [pending] = oauthInterrupts(await graph.invoke({}, config));
    await h.consent(pending!.value.url, { user: "erin", decision: "deny" });

    const done = await graph.invoke(new Command({ resume: oauthResume(pending!.value, "completed") }), config);
    expect(oauthInterrupts(done)).toHaveLength(0);
    expect(done.out).toMatch(/declined/);
    expect(runs).toHaveLength(0);
  });

  it("the client may cancel its own consent; onDenied shapes the answer", async () => {
    const { tool: t, runs } = repoTool();
    const graph = graphCalling(wrapHub(["repo"], { onDenied: (d) => `no ${d.provider} (${d.status})` })(t));
    const config = runConfig("frank");
    const [pending] = oauthInterrupts(await graph.invoke({}, config));
    const done = await graph.invoke(new Command({ resume: oauthResume(pending!.value, "cancelled") }), config);
    expect(done.out).toBe(`no ${HUB} (cancelled)`);
    expect(runs).toHaveLength(0);
  });

  it("onDenied may throw OAuthDeniedError to fail the call instead", async () => {
    const { tool: t, runs } = repoTool();
    const graph = graphCalling(
      wrapHub(["repo"], {
        onDenied: (d) => {
          throw new OAuthDeniedError(d.provider, d.providerName, d.toolCall?.name);
        },
      })(t),
    );
    const config = runConfig("frank-2");
    const [pending] = oauthInterrupts(await graph.invoke({}, config));
    const error = await graph.invoke(new Command({ resume: oauthResume(pending!.value, "denied") }), config).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OAuthDeniedError);
    expect((error as OAuthDeniedError).code).toBe("auth_denied");
    expect((error as Error).message).toMatch(/did not grant access to DevHub, so "list_repos" did not run/);
    expect(runs).toHaveLength(0);
  });

  it("step-up: a tool needing more scopes interrupts with insufficient_scope and asks for the union", async () => {
    const user = "grace";
    const first = repoTool();
    const g1 = graphCalling(wrapHub(["repo"])(first.tool));
    const c1 = runConfig(user);
    const [p1] = oauthInterrupts(await g1.invoke({}, c1));
    await h.consent(p1!.value.url, { user });
    await g1.invoke(new Command({ resume: oauthResume(p1!.value) }), c1);
    expect(first.runs).toHaveLength(1);

    const second = repoTool();
    const g2 = graphCalling(wrapHub(["read:user"])(second.tool));
    const c2 = runConfig(user);
    const [p2] = oauthInterrupts(await g2.invoke({}, c2));
    expect(p2?.value.reason).toBe("insufficient_scope");
    expect(p2?.value.scopes).toEqual(expect.arrayContaining(["repo", "read:user"]));
    expect(p2?.value.message).toMatch(/more DevHub permissions/);
    expect(second.runs).toHaveLength(0);

    await h.consent(p2!.value.url, { user });
    const done = await g2.invoke(new Command({ resume: oauthResume(p2!.value) }), c2);
    expect(second.runs).toHaveLength(1);
    expect(JSON.parse(done.out).scopes).toEqual(expect.arrayContaining(["repo", "read:user"]));
  });

  it("two users never share tokens", async () => {
    const { tool: t, runs } = repoTool();
    const graph = graphCalling(wrapHub()(t));
    const alice = runConfig("henry");
    const [pa] = oauthInterrupts(await graph.invoke({}, alice));
    await h.consent(pa!.value.url, { user: "henry" });
    const doneA = await graph.invoke(new Command({ resume: oauthResume(pa!.value) }), alice);

    const bob = runConfig("ivan");
    const [pb] = oauthInterrupts(await graph.invoke({}, bob));
    expect(pb?.value.authId).not.toBe(pa!.value.authId);
    expect(runs).toHaveLength(1);
    await h.consent(pb!.value.url, { user: "ivan" });
    const doneB = await graph.invoke(new Command({ resume: oauthResume(pb!.value) }), bob);

    expect(JSON.parse(doneA.out).sub).toBe("henry");
    expect(JSON.parse(doneB.out).sub).toBe("ivan");
    expect(runs[0]!.token).not.toBe(runs[1]!.token);
  });

  it("refuses a resume whose authId belongs to another user, even one who has a token", async () => {
    const { tool: t, runs } = repoTool();
    const graph = graphCalling(wrapHub()(t));
    // mallory has her own token already
    const mallory = runConfig("mallory");
    const [pm] = oauthInterrupts(await graph.invoke({}, mallory));
    await h.consent(pm!.value.url, { user: "mallory" });
    await graph.invoke(new Command({ resume: oauthResume(pm!.value) }), mallory);
    expect(runs).toHaveLength(1);

    const judy = runConfig("judy");
    const [pj] = oauthInterrupts(await graph.invoke({}, judy));
    const hijack = { configurable: { ...judy.configurable, user_id: "mallory" } };
    const error = await graph.invoke(new Command({ resume: oauthResume(pj!.value) }), hijack).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResumeUserMismatchError);
    expect((error as ResumeUserMismatchError).code).toBe("auth_denied");
    expect(runs).toHaveLength(1);
  });

  it("a body that calls interrupt() itself gets its own answer, not the OAuth resume value", async () => {
    const answers: unknown[] = [];
    const confirm = tool(
      async () => {
        getAccessToken();
        const answer = interrupt({ question: "Delete the repo?" });
        answers.push(answer);
        return `answer: ${JSON.stringify(answer)}`;
      },
      { name: "delete_repo", description: "Delete a repo after confirmation", schema: z.object({ owner: z.string() }) },
    );
    const graph = graphCalling(wrapHub()(confirm));
    const config = runConfig("kim");
    const [pending] = oauthInterrupts(await graph.invoke({}, config));
    await h.consent(pending!.value.url, { user: "kim" });

    const asked = await graph.invoke(new Command({ resume: oauthResume(pending!.value) }), config);
    const question = (asked as { __interrupt__?: Array<{ value: unknown }> }).__interrupt__?.[0]?.value;
    expect(question).toEqual({ question: "Delete the repo?" });
    expect(answers).toHaveLength(0);

    const done = await graph.invoke(new Command({ resume: "yes" }), config);
    expect(done.out).toBe('answer: "yes"');
    expect(answers).toEqual(["yes"]);
  });

  it("several providers on one tool: one interrupt per missing provider, in order, then the body runs once", async () => {
    const runs: Array<Record<string, number>> = [];
    const both = tool(
      async () => {
        const [hub, mail] = await Promise.all([h.me(HUB, getAccessToken(HUB)), h.me(MAIL, getAccessToken(MAIL))]);
        runs.push({ hub: hub.status, mail: mail.status });
        expect(() => getAccessToken()).toThrow(OAuthContextError);
        return "ok";
      },
      { name: "sync_mail_to_hub", description: "Needs both providers", schema: z.object({ owner: z.string() }) },
    );
    for (const wrapped of [
      withOAuth(withOAuth(both, { broker: h.broker, provider: HUB, scopes: ["repo"] }), { broker: h.broker, provider: MAIL, scopes: ["mail.send"] }),
      withOAuth(both, { broker: h.broker, providers: [{ provider: HUB, scopes: ["repo"] }, { provider: MAIL, scopes: ["mail.send"] }] }),
    ]) {
      const user = `lena-${runs.length}`;
      const graph = graphCalling(wrapped);
      const config = runConfig(user);
      const [first] = oauthInterrupts(await graph.invoke({}, config));
      expect(first?.value.provider).toBe(HUB);
      await h.consent(first!.value.url, { user });
      const mid = await graph.invoke(new Command({ resume: { [first!.id]: oauthResume(first!.value) } }), config);
      const [second] = oauthInterrupts(mid);
      expect(second?.value.provider).toBe(MAIL);
      expect(second?.id).not.toBe(first?.id);
      await h.consent(second!.value.url, { user });
      const before = runs.length;
      const done = await graph.invoke(new Command({ resume: { [second!.id]: oauthResume(second!.value) } }), config);
      expect(done.out).toBe("ok");
      expect(runs.length - before).toBe(1);
      expect(runs.at(-1)).toEqual({ hub: 200, mail: 200 });
    }
  });

  it("without a checkpointer: a typed error that says to compile with one", async () => {
    const { tool: t, runs } = repoTool();
    const graph = graphCalling(wrapHub()(t), { checkpointer: false });
    const error = await graph.invoke({}, runConfig("mike")).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CheckpointerMissingError);
    expect((error as CheckpointerMissingError).code).toBe("checkpointer_missing");
    expect((error as Error).message).toMatch(/checkpointer.*MemorySaver/);
    expect(runs).toHaveLength(0);
  });

  it("without a user id: a typed error that says how to pass one", async () => {
    const { tool: t } = repoTool();
    const graph = graphCalling(wrapHub()(t));
    const error = await graph.invoke({}, { configurable: { thread_id: "no-user" } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserUnknownError);
    expect((error as UserUnknownError).code).toBe("user_unknown");
    expect((error as Error).message).toMatch(/configurable\.user_id/);
  });

  it("takes the user from langgraph_auth_user.identity first, and a userId function overrides both", async () => {
    const { tool: t } = repoTool();
    const graph = graphCalling(wrapHub()(t));
    const viaAuth = await graph.invoke({}, { configurable: { thread_id: "auth-user", user_id: "nobody", langgraph_auth_user: { identity: "olga" } } });
    const info = await h.broker.getAuth(oauthInterrupts(viaAuth)[0]!.value.authId);
    expect(info?.userId).toBe("olga");

    const overridden = graphCalling(wrapHub(["repo"], { userId: (config) => `tenant:${String(config.configurable?.["user_id"])}` })(t));
    const viaFn = await overridden.invoke({}, { configurable: { thread_id: "fn-user", user_id: "olga" } });
    const info2 = await h.broker.getAuth(oauthInterrupts(viaFn)[0]!.value.authId);
    expect(info2).toMatchObject({ userId: "tenant:olga", threadId: "fn-user" });
  });
});
