import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateEncryptionKey } from "@langgraph-oauth/core";
import { startDevProvider, type DevProvider } from "@langgraph-oauth/dev-provider";
import { main, type CliIO } from "./cli.ts";
import { API_KEY, Canary, CLIENT, freePort } from "./testing/fixtures.ts";

const ROOT = resolve(fileURLToPath(import.meta.url), "../../../..");
const BIN = join(ROOT, "packages/server/bin/langgraph-oauth.js");

interface Spawned {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Runs the bin from source, as in the workspace: node --conditions=source --import tsx. */
function runBin(args: string[], env: Record<string, string>): Spawned {
  const child = spawn(process.execPath, ["--conditions=source", "--import", "tsx", BIN, ...args], {
    cwd: ROOT,
    env: { PATH: process.env["PATH"] ?? "", HOME: process.env["HOME"] ?? "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  child.stdout?.on("data", (chunk: Buffer) => (out += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (err += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) => child.on("exit", (code, signal) => done({ code, signal })));
  return { child, stdout: () => out, stderr: () => err, exited };
}

async function until(check: () => boolean, what: () => string, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting; output:\n${what()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe("langgraph-oauth serve (spawned)", () => {
  let dev: DevProvider;
  let dir: string;
  let port: number;
  let proc: Spawned | undefined;
  const canary = new Canary();

  beforeAll(async () => {
    port = await freePort();
    dev = await startDevProvider({ clients: [{ ...CLIENT, redirectUris: [`http://127.0.0.1:${port}/oauth/callback/dev`] }] });
    dir = await mkdtemp(join(tmpdir(), "lgo-cli-"));
  });
  afterAll(async () => {
    if (proc && proc.child.exitCode === null) proc.child.kill("SIGKILL");
    await dev?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("serves the callback and the API from a config file, then exits 0 on SIGTERM even with a long-poll open", async () => {
    const config = join(dir, "langgraph-oauth.json");
    await writeFile(
      config,
      JSON.stringify({
        callbackUrl: `http://127.0.0.1:${port}/oauth/callback`,
        port,
        store: "memory",
        providers: [{ id: "dev", name: "Dev", issuer: dev.issuer, clientId: CLIENT.clientId, clientSecret: { env: "DEV_CLIENT_SECRET" }, scopes: [] }],
      }),
    );
    proc = runBin(["serve", "--config", config], { LANGGRAPH_OAUTH_API_KEY: API_KEY, DEV_CLIENT_SECRET: CLIENT.clientSecret });
    const running = proc;
    await until(() => running.stdout().includes("listening on"), () => running.stdout() + running.stderr());
    const base = `http://127.0.0.1:${port}`;
    expect(running.stdout()).toContain(`langgraph-oauth listening on ${base}`);
    expect(running.stdout()).toContain(`dev: redirect URI ${base}/oauth/callback/dev`);
    expect(running.stdout()).toContain(`API: ${base}/v2/auth (X-Api-Key required)`);

    const headers = { "x-api-key": API_KEY, "content-type": "application/json" };
    const started = await fetch(`${base}/v2/auth/authenticate`, { method: "POST", headers, body: JSON.stringify({ provider: "dev", scopes: ["repo"], user_id: "cli-user" }) });
    expect(started.status).toBe(200);
    const pending = (await started.json()) as { status: string; url: string; auth_id: string };
    expect(pending.status).toBe("pending");

    const redirect = await dev.consent(pending.url, { user: "cli-user" });
    canary.addRedirect(redirect);
    const page = await fetch(redirect);
    const html = await page.text();
    expect(page.status).toBe(200);
    expect(html).toContain("You can close this window");
    canary.check(html);

    const replay = await fetch(redirect);
    expect(replay.status).toBe(409);
    canary.check(await replay.text());

    const waited = (await (await fetch(`${base}/v2/auth/wait/${pending.auth_id}`, { headers })).json()) as { status: string; token: string };
    expect(waited.status).toBe("completed");
    canary.add(waited.token);
    expect((await fetch(`${dev.apiUrl}/me`, { headers: { authorization: `Bearer ${waited.token}` } })).status).toBe(200);

    // A long-poll for another auth is open when the signal arrives.
    const other = (await (await fetch(`${base}/v2/auth/authenticate`, { method: "POST", headers, body: JSON.stringify({ provider: "dev", scopes: ["repo"], user_id: "cli-2" }) })).json()) as { auth_id: string };
    const longPoll = fetch(`${base}/v2/auth/wait/${other.auth_id}?timeout=120`, { headers }).then(async (r) => (await r.json()) as { status: string });
    await new Promise((r) => setTimeout(r, 200));

    const signalledAt = Date.now();
    running.child.kill("SIGTERM");
    expect(await longPoll).toEqual({ status: "timeout", token: null });
    const exit = await running.exited;
    expect(exit).toEqual({ code: 0, signal: null });
    expect(Date.now() - signalledAt).toBeLessThan(5000);
    expect(running.stdout()).toContain("SIGTERM received, shutting down");
    expect(running.stdout()).toContain("stopped");
    // Nothing secret in the process output either.
    canary.check(running.stdout() + running.stderr());
  });

  it("a bad config exits 1 with the problems listed, no stack trace", async () => {
    const config = join(dir, "bad.json");
    await writeFile(config, JSON.stringify({ callbackUrl: "http://127.0.0.1:1/oauth/callback", providers: [{ catalog: "github" }] }));
    const run = runBin(["serve", "-c", config], {});
    const exit = await run.exited;
    expect(exit.code).toBe(1);
    expect(run.stderr()).toContain("providers[0].clientId: set GITHUB_CLIENT_ID");
    expect(run.stderr()).not.toMatch(/\n\s+at /);
  });

  it("SIGINT works like SIGTERM; without an API key the API is reported disabled", async () => {
    const config = join(dir, "noapi.json");
    await writeFile(
      config,
      JSON.stringify({ callbackUrl: "http://127.0.0.1:8787/oauth/callback", port: 0, store: "memory", providers: [{ id: "dev", issuer: dev.issuer, clientId: CLIENT.clientId }] }),
    );
    const run = runBin(["serve", "--config", config], {});
    await until(() => run.stdout().includes("listening on"), () => run.stdout() + run.stderr());
    expect(run.stdout()).toContain("API: disabled (set LANGGRAPH_OAUTH_API_KEY");
    const url = /listening on (\S+)/.exec(run.stdout())?.[1];
    const api = await fetch(`${url}/v2/auth/providers`, { headers: { "x-api-key": API_KEY } });
    expect(api.status).toBe(404);
    run.child.kill("SIGINT");
    expect(await run.exited).toEqual({ code: 0, signal: null });
  });
});

describe("main (in process)", () => {
  function io(): CliIO & { out: string[]; err: string[] } {
    const out: string[] = [];
    const err: string[] = [];
    return { env: {}, cwd: tmpdir(), stdout: (l) => out.push(l), stderr: (l) => err.push(l), onShutdown: () => {}, out, err };
  }

  it("usage errors exit 2, --help exits 0, a missing config exits 1 with a hint", async () => {
    const help = io();
    expect(await main(["--help"], help)).toBe(0);
    expect(help.out.join()).toContain("Usage: langgraph-oauth serve");
    const none = io();
    expect(await main([], none)).toBe(2);
    expect(none.err.join()).toContain("No command given");
    const unknown = io();
    expect(await main(["start"], unknown)).toBe(2);
    expect(await main(["serve", "--bogus"], io())).toBe(2);
    const badPort = io();
    expect(await main(["serve", "--config", "/nonexistent/x.json", "--port", "x"], badPort)).toBe(1);
    const missing = io();
    expect(await main(["serve"], { ...missing, cwd: "/nonexistent-dir" })).toBe(1);
    expect(missing.err.join()).toContain("No config file");
  });
});

describe("langgraph-oauth serve on its default store (spawned)", () => {
  let dev: DevProvider;
  let dir: string;
  let port: number;
  const running: Spawned[] = [];

  beforeAll(async () => {
    port = await freePort();
    dev = await startDevProvider({ clients: [{ ...CLIENT, redirectUris: [`http://127.0.0.1:${port}/oauth/callback/dev`] }] });
    dir = await mkdtemp(join(tmpdir(), "lgo-cli-store-"));
    await writeFile(
      join(dir, "config.json"),
      JSON.stringify({
        callbackUrl: `http://127.0.0.1:${port}/oauth/callback`,
        port,
        dataDir: join(dir, "state"),
        providers: [{ id: "dev", issuer: dev.issuer, clientId: CLIENT.clientId, clientSecret: { env: "DEV_CLIENT_SECRET" }, scopes: [] }],
      }),
    );
  });
  afterAll(async () => {
    for (const proc of running) if (proc.child.exitCode === null) proc.child.kill("SIGKILL");
    await dev?.close();
    await rm(dir, { recursive: true, force: true });
  });

  const start = async (env: Record<string, string> = {}) => {
    const proc = runBin(["serve", "--config", join(dir, "config.json")], { LANGGRAPH_OAUTH_API_KEY: API_KEY, DEV_CLIENT_SECRET: CLIENT.clientSecret, ...env });
    running.push(proc);
    await until(() => proc.stdout().includes("listening on"), () => proc.stdout() + proc.stderr(), 60_000);
    return proc;
  };
  const stop = async (proc: Spawned) => {
    proc.child.kill("SIGTERM");
    expect(await proc.exited).toEqual({ code: 0, signal: null });
  };
  const authenticate = async () => {
    const response = await fetch(`http://127.0.0.1:${port}/v2/auth/authenticate`, {
      method: "POST",
      headers: { "x-api-key": API_KEY, "content-type": "application/json" },
      body: JSON.stringify({ provider: "dev", scopes: ["repo"], user_id: "durable-user" }),
    });
    return (await response.json()) as { status: string; url?: string; token?: string };
  };

  it("keeps a connection across a restart in PGlite, with a generated key file, and rewraps it to a new key", async () => {
    const first = await start();
    expect(first.stdout()).toContain(`store: PGlite in ${join(dir, "state")}`);
    expect(first.stderr()).toContain(`generated an encryption key in ${join(dir, "state", "encryption.key")}`);
    const pending = await authenticate();
    expect(pending.status).toBe("pending");
    expect((await fetch(await dev.consent(pending.url!, { user: "durable-user" }))).status).toBe(200);
    await stop(first);

    const second = await start();
    expect(second.stderr()).not.toContain("generated an encryption key");
    const again = await authenticate();
    expect(again.status).toBe("completed");
    expect((await fetch(`${dev.apiUrl}/me`, { headers: { authorization: `Bearer ${again.token}` } })).status).toBe(200);
    await stop(second);

    const oldKey = (await readFile(join(dir, "state", "encryption.key"), "utf8")).trim();
    const newKey = generateEncryptionKey("rotated");
    const rewrap = runBin(["rewrap", "--config", join(dir, "config.json")], { DEV_CLIENT_SECRET: CLIENT.clientSecret, LANGGRAPH_OAUTH_ENCRYPTION_KEY: `${newKey},${oldKey}` });
    expect(await rewrap.exited).toEqual({ code: 0, signal: null });
    expect(rewrap.stdout()).toContain('1 rows now sealed with key "rotated"');

    const third = await start({ LANGGRAPH_OAUTH_ENCRYPTION_KEY: newKey });
    const after = await authenticate();
    expect(after).toMatchObject({ status: "completed", token: again.token });
    await stop(third);
  }, 180_000);
});
