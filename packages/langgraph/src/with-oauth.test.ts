import type { CallbackManagerForToolRun } from "@langchain/core/callbacks/manager";
import { ToolMessage } from "@langchain/core/messages";
import type { RunnableConfig } from "@langchain/core/runnables";
import { DynamicStructuredTool, DynamicTool, StructuredTool, tool } from "@langchain/core/tools";
import { MemoryTokenStore, type LocalBroker } from "@langgraph-oauth/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { getAccessToken, getCredentials, isOAuthInterrupt, OAuthContextError, OAuthRequiredError, OAuthTokens, withOAuth } from "./index.ts";
import { HUB, MAIL, startHarness, type Harness } from "./testing/harness.ts";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.close());

/** Outside a graph a consent is an OAuthRequiredError: complete it the way a CLI would. */
async function connect(invoke: () => Promise<unknown>, user: string, broker?: LocalBroker): Promise<void> {
  const error = await invoke().then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof OAuthRequiredError)) throw new Error(`expected OAuthRequiredError, got ${String(error)}`);
  const callback = await h.consent(error.interrupt.url, broker ? { user, broker } : { user });
  expect(callback.status).toBe("completed");
}

const schema = z.object({ owner: z.string() });

describe("withOAuth on a tool", () => {
  it("keeps name, description, schema and class, and leaves the original tool untouched", async () => {
    const original = tool(async ({ owner }) => `hi ${owner}`, { name: "greet", description: "Greets", schema });
    const originalFunc = original.func;
    const wrapped = withOAuth(original, { broker: h.broker, provider: HUB, scopes: ["repo"] });
    expect(wrapped).toBeInstanceOf(DynamicStructuredTool);
    expect(wrapped.name).toBe("greet");
    expect(wrapped.description).toBe("Greets");
    expect(wrapped.schema).toBe(schema);
    expect(wrapped.func).not.toBe(originalFunc);
    expect(original.func).toBe(originalFunc);
    await expect(original.invoke({ owner: "x" })).resolves.toBe("hi x");
  });

  it("outside a graph throws OAuthRequiredError carrying the interrupt payload, then runs with the token", async () => {
    const seen: string[] = [];
    const wrapped = withOAuth(
      tool(
        async (_input, config) => {
          const viaAls = getAccessToken();
          // The form for runtimes without AsyncLocalStorage.
          expect(getAccessToken(HUB, config)).toBe(viaAls);
          expect((config.configurable?.["oauth"] as OAuthTokens)[HUB as never]).toMatchObject({ accessToken: viaAls });
          expect(getCredentials(HUB).scopes).toContain("repo");
          // Serializing the config does not print the token.
          expect(JSON.stringify(config.configurable)).not.toContain(viaAls);
          seen.push(viaAls);
          return JSON.stringify(await h.me(HUB, viaAls));
        },
        { name: "whoami", description: "d", schema },
      ),
      { broker: h.broker, provider: HUB, scopes: ["repo"] },
    );
    const config = { configurable: { user_id: "yara" } };
    const error = await wrapped.invoke({ owner: "o" }, config).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OAuthRequiredError);
    expect((error as OAuthRequiredError).code).toBe("oauth_required");
    expect(isOAuthInterrupt((error as OAuthRequiredError).interrupt)).toBe(true);
    expect((error as OAuthRequiredError).interrupt).toMatchObject({ provider: HUB, reason: "connection_required" });
    expect(seen).toHaveLength(0);

    await h.consent((error as OAuthRequiredError).interrupt.url, { user: "yara" });
    const out = JSON.parse(String(await wrapped.invoke({ owner: "o" }, config)));
    expect(out).toMatchObject({ status: 200, sub: "yara" });
    expect(seen).toHaveLength(1);
  });

  it("wraps a StructuredTool subclass through its _call, and a string-input DynamicTool through its func", async () => {
    class Profile extends StructuredTool {
      name = "profile";
      description = "Profile at DevMail";
      schema = z.object({});
      async _call(_arg: unknown, _rm?: CallbackManagerForToolRun, config?: RunnableConfig): Promise<string> {
        return JSON.stringify(await h.me(MAIL, getAccessToken(MAIL, config)));
      }
    }
    const wrappedClass = withOAuth(new Profile(), { broker: h.broker, provider: MAIL, scopes: ["mail.send"] });
    expect(wrappedClass).toBeInstanceOf(Profile);
    expect(Object.prototype.hasOwnProperty.call(wrappedClass, "_call")).toBe(true);
    const config = { configurable: { user_id: "zack" } };
    await connect(() => wrappedClass.invoke({}, config), "zack");
    expect(JSON.parse(String(await wrappedClass.invoke({}, config)))).toMatchObject({ status: 200, sub: "zack" });

    const echo = new DynamicTool({ name: "echo", description: "echo", func: async (input: string) => `${input}:${(await h.me(MAIL, getAccessToken())).status}` });
    const wrappedEcho = withOAuth(echo, { broker: h.broker, provider: MAIL, scopes: ["mail.send"] });
    expect(await wrappedEcho.invoke("ping", config)).toBe("ping:200");
  });

  it("answers a tool call with a ToolMessage, and a denied content_and_artifact tool with a pair", async () => {
    const wrapped = withOAuth(
      tool(async () => ["content", { artifact: true }], { name: "art", description: "d", schema, responseFormat: "content_and_artifact" }),
      { broker: h.broker, provider: MAIL, scopes: ["mail.send"] },
    );
    const config = { configurable: { user_id: "zack" } };
    const message = await wrapped.invoke({ id: "call_1", name: "art", args: { owner: "o" }, type: "tool_call" }, config);
    expect(message).toBeInstanceOf(ToolMessage);
    expect(message).toMatchObject({ content: "content", artifact: { artifact: true }, tool_call_id: "call_1" });
  });

  it("the cached path does no I/O: neither the provider nor the token store is touched", async () => {
    class CountingStore extends MemoryTokenStore {
      reads = 0;
      override async getToken(...args: Parameters<MemoryTokenStore["getToken"]>) {
        this.reads += 1;
        return super.getToken(...args);
      }
    }
    const store = new CountingStore();
    const broker = h.createBroker({ store });
    let runs = 0;
    const wrapped = withOAuth(
      tool(
        async () => {
          runs += 1;
          return getAccessToken().length;
        },
        { name: "hot", description: "d", schema },
      ),
      { broker, provider: HUB, scopes: ["repo"] },
    );
    const config = { configurable: { user_id: "hot-user" } };
    await connect(() => wrapped.invoke({ owner: "o" }, config), "hot-user", broker);
    await wrapped.invoke({ owner: "o" }, config);
    const reads = store.reads;
    const provider = { ...h.hub.counts };
    for (let i = 0; i < 200; i++) await wrapped.invoke({ owner: "o" }, config);
    expect(runs).toBe(201);
    expect(store.reads).toBe(reads);
    expect(h.hub.counts).toEqual(provider);
  });

  it("inside nested wrapped tools, getAccessToken() without a provider means the innermost wrapper's", async () => {
    const inner = withOAuth(
      tool(async () => `${getAccessToken() === getAccessToken(MAIL)}:${(await h.me(MAIL, getAccessToken())).status}`, { name: "inner", description: "d", schema: z.object({}) }),
      { broker: h.broker, provider: MAIL, scopes: ["mail.send"] },
    );
    const outer = withOAuth(
      tool(
        async (_input, config) => {
          const mine = getAccessToken();
          const nested = await inner.invoke({}, config);
          // Back in the outer body, the outer token again.
          return `${nested}|${getAccessToken() === mine}:${mine === getAccessToken(HUB)}`;
        },
        { name: "outer", description: "d", schema: z.object({}) },
      ),
      { broker: h.broker, provider: HUB, scopes: ["repo"] },
    );
    const config = { configurable: { user_id: "nest-user" } };
    await connect(() => outer.invoke({}, config), "nest-user");
    await connect(() => outer.invoke({}, config), "nest-user");
    expect(await outer.invoke({}, config)).toBe("true:200|true:true");
  });

  it("getAccessToken outside a wrapped tool, or for a provider it was not wrapped for, says so", async () => {
    expect(() => getAccessToken()).toThrow(OAuthContextError);
    expect(() => getAccessToken()).toThrow(/outside a tool wrapped with withOAuth/);
    expect(() => getAccessToken(HUB, { configurable: {} })).toThrow(/No token for provider "devhub"/);
    const wrapped = withOAuth(
      tool(async () => getAccessToken(MAIL), { name: "wrong", description: "d", schema }),
      { broker: h.broker, provider: HUB, scopes: ["repo"] },
    );
    const config = { configurable: { user_id: "yara" } };
    await expect(wrapped.invoke({ owner: "o" }, config)).rejects.toThrow(/No token for provider "devmail"/);
  });

  it("rejects what it cannot wrap with a clear message", () => {
    expect(() => withOAuth({} as never, { broker: h.broker, provider: HUB })).toThrow(/takes a @langchain\/core tool/);
    const t = tool(async () => "x", { name: "t", description: "d", schema });
    expect(() => withOAuth(t, { broker: undefined as never, provider: HUB })).toThrow(/needs \{ broker \}/);
    expect(() => withOAuth(t, { broker: h.broker, provider: "" })).toThrow(/provider must be/);
    expect(() => withOAuth(t, { broker: h.broker, providers: [] })).toThrow(/needs a provider/);
  });
});
