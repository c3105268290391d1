/**
 * The langgraph-dev example under the real `langgraphjs dev`: a run pauses
 * with the OAuth interrupt, the person consents at the dev-provider, whose
 * redirect lands on the callback route served by the same LangGraph server,
 * and the thread continues — resumed by the server (autoResume), or by the
 * client when the thread opted out. Then nothing the server keeps on disk
 * holds a token.
 */
import { randomUUID } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Client, type Run, type ThreadState } from "@langchain/langgraph-sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isOAuthInterrupt, type OAuthInterrupt } from "@langgraph-oauth/langgraph/interrupt";
import { driveConsent } from "@langgraph-oauth/dev-provider";
import { startLanggraphDev, type LanggraphDev } from "./support/langgraph-dev.ts";
import { findSecrets } from "@langgraph-oauth/core/testing";

const exampleDir = fileURLToPath(new URL("../examples/langgraph-dev", import.meta.url));
const API_KEY = `e2e-${randomUUID()}`;
const CLIENT_SECRET = "langgraph-dev-example-secret";

interface Message {
  type: string;
  content: unknown;
  status?: string;
  tool_call_id?: string;
}
type Values = { messages: Message[] };

let server: LanggraphDev;
let client: Client;
/** Users who consented: their access tokens are looked up for the scan at the end. */
const consentedUsers = new Set<string>();
/**
 * Authorization codes of every redirect: single-use, but they must not be
 * kept either. (The `state` is not here: it is part of the authorization URL
 * that the interrupt carries by contract, so checkpoints hold it.)
 */
const codes = new Set<string>();
/** Typed into a message, so the scan has something it must find. */
const canary = `canary-${randomUUID()}`;

/** The person's browser, without a browser: login and consent at the dev-provider inside the LangGraph server. */
function consentAt(authorizationUrl: string, user: string): Promise<string> {
  return driveConsent(new URL(authorizationUrl).origin, authorizationUrl, { user });
}

/** Every file `langgraphjs dev` keeps, its text and its parsed JSON, scanned for the secrets. */
async function scanKept(dir: string, secrets: readonly string[]): Promise<Array<{ file: string; where: string; secret: string }>> {
  const found = [];
  for (const file of await readdir(dir)) {
    const text = await readFile(path.join(dir, file), "utf8");
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    const labelled = Object.fromEntries(secrets.map((secret, i) => [String(i), secret]));
    for (const f of findSecrets([text, parsed], labelled)) found.push({ file, where: f.where, secret: secrets[Number(f.label)]! });
  }
  return found;
}

beforeAll(async () => {
  server = await startLanggraphDev({ exampleDir, env: { LANGGRAPH_OAUTH_API_KEY: API_KEY } });
  client = new Client({ apiUrl: server.url, apiKey: null });
}, 60_000);

afterAll(async () => {
  await server?.dispose();
});

async function startRun(text: string, userId: string, metadata?: Record<string, unknown>) {
  const thread = await client.threads.create(metadata ? { metadata } : undefined);
  await client.runs.wait(thread.thread_id, "agent", { input: { messages: [{ role: "user", content: text }] }, config: { configurable: { user_id: userId } } });
  return { threadId: thread.thread_id, interrupts: await waitingOAuthInterrupts(thread.thread_id) };
}

async function waitingOAuthInterrupts(threadId: string): Promise<Array<{ id: string; value: OAuthInterrupt }>> {
  const state = await client.threads.getState<Values>(threadId);
  return state.tasks
    .filter((task) => task.result === undefined || task.result === null)
    .flatMap((task) => task.interrupts)
    .flatMap((i) => (typeof i.id === "string" && isOAuthInterrupt(i.value) ? [{ id: i.id, value: i.value }] : []));
}

/** The browser: consent at the provider, then follow its redirect to the LangGraph server's callback route. */
async function consentAndFollow(url: string, user: string): Promise<Response> {
  const redirect = await consentAt(url, user);
  const target = new URL(redirect);
  expect(target.origin).toBe(server.url);
  expect(target.pathname).toBe("/oauth/callback/devhub");
  codes.add(target.searchParams.get("code") ?? "");
  consentedUsers.add(user);
  return fetch(redirect);
}

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function autoResumeRun(threadId: string, authId: string): Promise<Run> {
  return until(`the auto-resume run of ${threadId}`, async () => {
    const runs = await client.runs.list(threadId);
    return runs.find((run) => run.metadata?.["langgraph_oauth_auto_resume"] === authId);
  });
}

/** Until no run of the thread is pending or running, twice in a row with a pause between (an auto-resume may still be deciding). */
async function settled(threadId: string): Promise<{ runs: Run[]; state: ThreadState<Values> }> {
  const quiet = async () => {
    const runs = await client.runs.list(threadId);
    return runs.every((r) => r.status !== "pending" && r.status !== "running") ? runs : undefined;
  };
  await until("the thread to settle", quiet);
  await new Promise((resolve) => setTimeout(resolve, 750));
  const runs = await until("the thread to settle", quiet);
  return { runs, state: await client.threads.getState<Values>(threadId) };
}

const toolResults = (state: ThreadState<Values>) =>
  state.values.messages.filter((m) => m.type === "tool").map((m) => ({ status: m.status, body: JSON.parse(String(m.content)) as Record<string, unknown> }));

describe("langgraphjs dev with the langgraph-dev example", () => {
  it("serves the callback route itself (http.app), without shadowing LangGraph's routes", async () => {
    const unknown = await fetch(`${server.url}/oauth/callback/devhub?state=forged&code=x`);
    expect(unknown.status).toBe(400);
    expect(unknown.headers.get("content-type")).toMatch(/text\/html/);
    expect((await fetch(`${server.url}/info`)).status).toBe(200);
    expect((await client.assistants.search({ graphId: "agent" })).length).toBeGreaterThan(0);
  });

  it("interrupt → consent in another tab → the server resumes the thread and the tool runs once", async () => {
    const { threadId, interrupts } = await startRun(`Who am I on DevHub? ${canary}`, "ada");
    expect(interrupts).toHaveLength(1);
    const [interrupt] = interrupts;
    // What Studio shows: a flat payload with a top-level URL and a sentence.
    expect(interrupt!.value).toMatchObject({ type: "oauth_required", provider: "devhub", providerName: "DevHub", reason: "connection_required" });
    expect(interrupt!.value.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/auth\?.*code_challenge_method=S256/);
    expect(interrupt!.value.message).toMatch(/Connect your DevHub account/);
    expect((await client.threads.get(threadId)).status).toBe("interrupted");

    const page = await consentAndFollow(interrupt!.value.url, "ada");
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("Connected to DevHub");

    const run = await autoResumeRun(threadId, interrupt!.value.authId);
    await client.runs.join(threadId, run.run_id);
    const { runs, state } = await settled(threadId);
    expect(runs.map((r) => r.status).sort()).toEqual(["success", "success"]);
    expect(toolResults(state)).toEqual([{ status: "success", body: { sub: "ada", bodyRuns: 1 } }]);
    expect(String(state.values.messages.at(-1)?.content)).toMatch(/^DevHub says: /);
    expect(await waitingOAuthInterrupts(threadId)).toEqual([]);
  });

  it("two parallel tool calls pause on one consent; one callback resumes both interrupts in one map", async () => {
    const { threadId, interrupts } = await startRun("Who am I, and which scopes do you have?", "pia");
    expect(interrupts).toHaveLength(2);
    expect(new Set(interrupts.map((i) => i.id)).size).toBe(2);
    expect(interrupts[0]!.value.authId).toBe(interrupts[1]!.value.authId);
    expect((await consentAndFollow(interrupts[0]!.value.url, "pia")).status).toBe(200);

    await client.runs.join(threadId, (await autoResumeRun(threadId, interrupts[0]!.value.authId)).run_id);
    const { runs, state } = await settled(threadId);
    // One auto-resume run answered both: a second would have shown up as a third run.
    expect(runs).toHaveLength(2);
    const results = toolResults(state).map((r) => r.body);
    expect(results).toEqual(expect.arrayContaining([{ sub: "pia", bodyRuns: 1 }, { scopes: ["read:user"], bodyRuns: 1 }]));
    expect(results).toHaveLength(2);
  });

  it("with auto-resume off for the thread, the client resumes with { [interruptId]: { authId, status } }", async () => {
    const { threadId, interrupts } = await startRun("Who am I on DevHub?", "cleo", { oauth_auto_resume: false });
    const [interrupt] = interrupts;
    expect((await consentAndFollow(interrupt!.value.url, "cleo")).status).toBe(200);
    // The server leaves the thread alone.
    await new Promise((resolve) => setTimeout(resolve, 750));
    expect((await client.threads.get(threadId)).status).toBe("interrupted");

    const values = (await client.runs.wait(threadId, "agent", {
      command: { resume: { [interrupt!.id]: { authId: interrupt!.value.authId, status: "completed" } } },
      config: { configurable: { user_id: "cleo" } },
    })) as Values;
    expect(String(values.messages.at(-1)?.content)).toMatch(/^DevHub says: /);
    const { runs, state } = await settled(threadId);
    expect(runs).toHaveLength(2);
    expect(runs.some((r) => r.metadata?.["langgraph_oauth_auto_resume"] !== undefined)).toBe(false);
    expect(toolResults(state)).toEqual([{ status: "success", body: { sub: "cleo", bodyRuns: 1 } }]);
  });

  it("a resume started for another user is refused before the tool body runs; the right user can still resume (§8)", async () => {
    const { threadId, interrupts } = await startRun("Who am I on DevHub?", "vera", { oauth_auto_resume: false });
    const [interrupt] = interrupts;
    expect((await consentAndFollow(interrupt!.value.url, "vera")).status).toBe(200);
    const resume = { [interrupt!.id]: { authId: interrupt!.value.authId, status: "completed" } };

    const foreign = client.runs.wait(threadId, "agent", { command: { resume }, config: { configurable: { user_id: "mallory" } } });
    await expect(foreign).rejects.toThrow(/ResumeUserMismatchError/);
    let state = (await settled(threadId)).state;
    expect(toolResults(state)).toEqual([]);
    expect((await waitingOAuthInterrupts(threadId)).map((i) => i.id)).toEqual([interrupt!.id]);

    await client.runs.wait(threadId, "agent", { command: { resume }, config: { configurable: { user_id: "vera" } } });
    state = (await settled(threadId)).state;
    expect(toolResults(state)).toEqual([{ status: "success", body: { sub: "vera", bodyRuns: 1 } }]);
  });

  it("a resume by another user that names no authId of theirs (\"yes\", a made-up one) is refused, even when that user holds a token", async () => {
    // Mallory connects DevHub in her own thread first (auto-resume finishes it).
    const own = await startRun("Who am I on DevHub?", "mallory2");
    expect((await consentAndFollow(own.interrupts[0]!.value.url, "mallory2")).status).toBe(200);
    expect(toolResults((await settled(own.threadId)).state)).toEqual([{ status: "success", body: { sub: "mallory2", bodyRuns: 1 } }]);

    const { threadId, interrupts } = await startRun("Who am I on DevHub?", "wendy", { oauth_auto_resume: false });
    for (const resume of ["yes", { authId: "bogus", status: "completed" }]) {
      const foreign = client.runs.wait(threadId, "agent", { command: { resume }, config: { configurable: { user_id: "mallory2" } } });
      await expect(foreign).rejects.toThrow(/ResumeUserMismatchError/);
    }
    expect(toolResults((await settled(threadId)).state)).toEqual([]);
    expect((await waitingOAuthInterrupts(threadId)).map((i) => i.id)).toEqual([interrupts[0]!.id]);
  });

  it("a client resume racing the server's resume: the tool runs once and no run fails", async () => {
    const { threadId, interrupts } = await startRun("Who am I on DevHub?", "rae");
    const [interrupt] = interrupts;
    const redirect = await consentAt(interrupt!.value.url, "rae");
    consentedUsers.add("rae");
    codes.add(new URL(redirect).searchParams.get("code") ?? "");

    const clientResume = client.runs
      .wait(threadId, "agent", {
        command: { resume: { [interrupt!.id]: { authId: interrupt!.value.authId, status: "completed" } } },
        config: { configurable: { user_id: "rae" } },
      })
      .then(
        () => "resumed",
        // The server's resume got there first: the thread is busy (409 on LangGraph Platform, 422 in langgraphjs dev).
        (error: { status?: number }) => (error.status === 409 || error.status === 422 ? "busy" : Promise.reject(error as Error)),
      );
    const [page, clientOutcome] = await Promise.all([fetch(redirect), clientResume]);
    expect(page.status).toBe(200);
    expect(["resumed", "busy"]).toContain(clientOutcome);

    const { runs, state } = await settled(threadId);
    expect(runs.filter((r) => r.status === "error")).toEqual([]);
    expect(toolResults(state)).toEqual([{ status: "success", body: { sub: "rae", bodyRuns: 1 } }]);
    expect(String(state.values.messages.at(-1)?.content)).toMatch(/^DevHub says: /);
    expect((await client.threads.get(threadId)).status).toBe("idle");
  });

  it("the thread is busy when the callback arrives: auto-resume waits for the run in flight, then finds nothing left to do", async () => {
    const { threadId, interrupts } = await startRun("Who am I on DevHub?", "bea");
    const [interrupt] = interrupts;
    const redirect = await consentAt(interrupt!.value.url, "bea");
    consentedUsers.add("bea");
    codes.add(new URL(redirect).searchParams.get("code") ?? "");
    // The client's own resume, scheduled 2 s out: until then the thread has a pending run and is busy.
    const delayed = await client.runs.create(threadId, "agent", {
      command: { resume: { [interrupt!.id]: { authId: interrupt!.value.authId, status: "completed" } } },
      config: { configurable: { user_id: "bea" } },
      afterSeconds: 2,
    });
    expect((await client.threads.get(threadId)).status).toBe("busy");
    const started = Date.now();
    const page = await fetch(redirect);
    expect(page.status).toBe(200);
    // The page does not wait for the thread.
    expect(Date.now() - started).toBeLessThan(1500);

    await client.runs.join(threadId, delayed.run_id);
    const { runs, state } = await settled(threadId);
    expect(runs.map((r) => r.status)).toEqual(["success", "success"]);
    expect(toolResults(state)).toEqual([{ status: "success", body: { sub: "bea", bodyRuns: 1 } }]);
    expect(server.output()).not.toMatch(/auto-resume after consent \S+ failed/);
  });

  it("nothing in .langgraph_api/ holds a token, code or secret; the scan finds a planted canary", async () => {
    // The tokens the server holds, through the example's /v2/auth API.
    const tokens: string[] = [];
    for (const user of consentedUsers) {
      const response = await fetch(`${server.url}/v2/auth/authenticate`, {
        method: "POST",
        headers: { "x-api-key": API_KEY, "content-type": "application/json" },
        body: JSON.stringify({ provider: "devhub", scopes: ["read:user"], user_id: user }),
      });
      const body = (await response.json()) as { status: string; token: string | null };
      if (body.status === "completed" && body.token) tokens.push(body.token);
    }
    expect(tokens.length).toBeGreaterThanOrEqual(4);

    // The server writes what it keeps 3 s after the last change, and when it stops: stop() returns
    // once every process of the server is gone, so its last write is complete.
    const dir = path.join(server.workDir, ".langgraph_api");
    // Wait for a periodic write that holds the canary, so the scan below cannot pass on an unwritten file.
    await until("the checkpoints to be written", async () =>
      (await scanKept(dir, [canary]).catch(() => [])).some((f) => f.where === "decoded") ? true : undefined,
    );
    await server.stop();
    const secrets = [...tokens, ...[...codes].filter((c) => c !== ""), CLIENT_SECRET, API_KEY];
    expect(secrets.length).toBeGreaterThanOrEqual(tokens.length + 5);
    expect(await scanKept(dir, secrets)).toEqual([]);

    // The canary typed into a message is found, in the checkpointer file only after decoding base64.
    const found = await scanKept(dir, [canary]);
    expect(found).toContainEqual({ file: ".langgraphjs_api.checkpointer.json", where: "decoded", secret: canary });
  }, 60_000);
});
