/**
 * The langgraph-dev example with LangGraph custom auth (langgraph.auth.json)
 * under the real `langgraphjs dev`: every request needs a bearer token,
 * except the provider's redirect to the callback, which allowOAuthCallback
 * lets through; auto-resume authenticates as the user who consented.
 */
import { randomBytes } from "node:crypto";
import { fileURLToPath } from "node:url";
import { Client } from "@langchain/langgraph-sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isOAuthInterrupt } from "@langgraph-oauth/langgraph/interrupt";
import { signDemoToken } from "../examples/langgraph-dev/src/demo-token.ts";
import { driveConsent } from "@langgraph-oauth/dev-provider";
import { startLanggraphDev, type LanggraphDev } from "./support/langgraph-dev.ts";

const exampleDir = fileURLToPath(new URL("../examples/langgraph-dev", import.meta.url));
const SECRET = randomBytes(32).toString("base64url");

let server: LanggraphDev;
const clientFor = (user: string) => new Client({ apiUrl: server.url, apiKey: null, defaultHeaders: { authorization: `Bearer ${signDemoToken(user, SECRET)}` } });

beforeAll(async () => {
  server = await startLanggraphDev({ exampleDir, configFile: "langgraph.auth.json", env: { DEMO_AUTH_SECRET: SECRET } });
}, 60_000);
afterAll(async () => {
  await server?.dispose();
});

type Values = { messages: Array<{ type: string; content: unknown; status?: string }> };

describe("langgraphjs dev with custom auth", () => {
  it("refuses requests without a valid token, the callback route included when the path is not exactly a callback", async () => {
    expect((await fetch(`${server.url}/threads/search`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" })).status).toBe(401);
    const forged = new Client({ apiUrl: server.url, apiKey: null, defaultHeaders: { authorization: `Bearer ada.${"x".repeat(43)}` } });
    await expect(forged.threads.create()).rejects.toMatchObject({ status: 401 });
    expect((await fetch(`${server.url}/oauth/callback/devhub/extra`)).status).toBe(401);
    expect((await fetch(`${server.url}/oauth/callback/devhub`, { method: "POST" })).status).toBe(401);
    // The callback itself passes custom auth and is judged by its state alone.
    const unknown = await fetch(`${server.url}/oauth/callback/devhub?state=forged&code=x`);
    expect(unknown.status).toBe(400);
  });

  it("the user is the authenticated identity; the browser's callback passes; auto-resume runs as that user", async () => {
    const ada = clientFor("ada");
    const thread = await ada.threads.create();
    // No user_id anywhere: withOAuth takes langgraph_auth_user.identity.
    await ada.runs.wait(thread.thread_id, "agent", { input: { messages: [{ role: "user", content: "Who am I on DevHub?" }] } });
    const state = await ada.threads.getState<Values>(thread.thread_id);
    const interrupt = state.tasks.flatMap((t) => t.interrupts).find((i) => isOAuthInterrupt(i.value));
    if (!interrupt || !isOAuthInterrupt(interrupt.value)) throw new Error("expected an OAuth interrupt");
    const redirect = await driveConsent(new URL(interrupt.value.url).origin, interrupt.value.url, { user: "ada" });
    const page = await fetch(redirect); // no Authorization header, like a browser
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("Connected to DevHub");

    const deadline = Date.now() + 20_000;
    let values: Values | undefined;
    while (Date.now() < deadline) {
      const current = await ada.threads.get<Values>(thread.thread_id);
      if (current.status === "idle") {
        values = current.values;
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(values, "the thread was not resumed").toBeDefined();
    const tool = values!.messages.filter((m) => m.type === "tool");
    expect(tool.map((m) => JSON.parse(String(m.content)))).toEqual([{ sub: "ada", bodyRuns: 1 }]);
    const runs = await ada.runs.list(thread.thread_id);
    expect(runs.map((r) => r.status)).toEqual(["success", "success"]);
    expect(server.output()).not.toMatch(/auto-resume after consent \S+ failed/);
  });
});
