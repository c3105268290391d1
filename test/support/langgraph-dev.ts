/**
 * Starts the real `langgraphjs dev` (@langchain/langgraph-cli) on an example,
 * offline, in a throw-away working directory so its `.langgraph_api/` never
 * lands in the repository.
 */
import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";

export interface LanggraphDev {
  /** http://127.0.0.1:PORT */
  readonly url: string;
  /** The throw-away directory holding langgraph.json and `.langgraph_api/`. */
  readonly workDir: string;
  /** Everything the CLI and its server printed so far, ANSI codes removed. */
  output(): string;
  /** SIGTERM to the whole process group (the server flushes `.langgraph_api/`), SIGKILL after `graceMs`; resolves when every process of the group is gone. */
  stop(graceMs?: number): Promise<void>;
  /** Stops, then deletes the working directory. */
  dispose(): Promise<void>;
}

export interface StartOptions {
  /** The example's directory (holds langgraph.json and node_modules). */
  exampleDir: string;
  /** Default "langgraph.json". */
  configFile?: string;
  env?: Record<string, string>;
  startTimeoutMs?: number;
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  assert.ok(typeof address === "object" && address !== null, "no free port");
  return address.port;
}

/**
 * Whether any live (not zombie) process is still in process group `group`. Linux `/proc`: the
 * server is a grandchild, re-parented when the CLI exits, so no `exit` event tells us it ended.
 */
function groupAlive(group: number): boolean {
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, "utf8");
    } catch {
      continue; // it exited while we looked
    }
    // "pid (comm) state ppid pgrp ...": comm may hold spaces and parentheses, so split after the last ")".
    const [state, , pgrp] = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    if (Number(pgrp) === group && state !== "Z" && state !== "X") return true;
  }
  return false;
}

function signalGroup(group: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-group, signal);
  } catch {
    // the group is gone
  }
}

const ANSI = /\u001b\[[0-9;]*m/g;

/** A graph or app module that throws at import makes the server log this and hang without answering /ok. */
const STARTUP_ERROR = /^\s*error:|ERR_[A-Z_]+|\bSyntaxError\b|\bTypeError\b|Cannot find (module|package)/m;

/** Variables that would make the CLI or the SDK talk to a hosted service. */
const ONLINE_ENV = ["LANGSMITH_API_KEY", "LANGCHAIN_API_KEY", "LANGGRAPH_API_KEY", "LANGSMITH_TRACING", "LANGCHAIN_TRACING_V2", "LANGSMITH_ENDPOINT", "OPENAI_API_KEY"];

/** The example's langgraph.json with its `./` paths rewritten relative to `workDir`. */
async function relocatedConfig(exampleDir: string, configFile: string, workDir: string): Promise<string> {
  const config = JSON.parse(await readFile(path.join(exampleDir, configFile), "utf8")) as Record<string, unknown>;
  // langgraph-api joins (not resolves) the first graph path onto cwd for its module hooks, so paths must stay relative.
  const move = (spec: string) => {
    const [file, symbol] = spec.split(":");
    return `${path.relative(workDir, path.resolve(exampleDir, file!))}${symbol ? `:${symbol}` : ""}`;
  };
  const graphs = config["graphs"] as Record<string, string>;
  config["graphs"] = Object.fromEntries(Object.entries(graphs).map(([id, spec]) => [id, move(spec)]));
  const http = config["http"] as { app?: string } | undefined;
  if (http?.app) config["http"] = { ...http, app: move(http.app) };
  const auth = config["auth"] as { path?: string } | undefined;
  if (auth?.path) config["auth"] = { ...auth, path: move(auth.path) };
  return JSON.stringify(config, null, 2);
}

function cliPath(exampleDir: string): string {
  const require = createRequire(path.join(exampleDir, "package.json"));
  const pkgPath = require.resolve("@langchain/langgraph-cli/package.json");
  const bin = (JSON.parse(readFileSync(pkgPath, "utf8")) as { bin: Record<string, string> }).bin["langgraphjs"];
  assert.ok(bin, "@langchain/langgraph-cli has no langgraphjs bin");
  return path.resolve(path.dirname(pkgPath), bin);
}

export async function startLanggraphDev(options: StartOptions): Promise<LanggraphDev> {
  const workDir = await mkdtemp(path.join(tmpdir(), "langgraph-dev-e2e-"));
  await writeFile(path.join(workDir, "langgraph.json"), await relocatedConfig(options.exampleDir, options.configFile ?? "langgraph.json", workDir));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const env: Record<string, string | undefined> = { ...process.env, LANGGRAPH_CLI_NO_ANALYTICS: "1", BROWSER: "none", ...options.env };
  for (const key of ONLINE_ENV) delete env[key];
  // Let langgraph.json's own "env" (NODE_OPTIONS=--conditions=source) apply, as it does for a user.
  delete env["NODE_OPTIONS"];

  const child: ChildProcess = spawn(
    process.execPath,
    [cliPath(options.exampleDir), "dev", "--host", "127.0.0.1", "--port", String(port), "--no-browser", "--no-reload", "--config", path.join(workDir, "langgraph.json")],
    { cwd: workDir, env, detached: true, stdio: ["ignore", "pipe", "pipe"] },
  );
  let log = "";
  const append = (chunk: Buffer) => (log += chunk.toString("utf8").replace(ANSI, ""));
  child.stdout?.on("data", append);
  child.stderr?.on("data", append);
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  let alive = true;
  void exited.then(() => (alive = false));

  const stop = async (graceMs = 10_000) => {
    const group = child.pid;
    if (group === undefined || !groupAlive(group)) return;
    // The CLI spawns the server, which runs under tsx: signal the whole group. The CLI exits at
    // once, while the server still flushes `.langgraph_api/` (a plain truncate-and-write), so
    // wait for every member of the group, not for the leader, before anything reads those files.
    signalGroup(group, "SIGTERM");
    const deadline = Date.now() + graceMs;
    while (groupAlive(group)) {
      if (Date.now() > deadline) signalGroup(group, "SIGKILL");
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await exited;
  };
  const handle: LanggraphDev = {
    url,
    workDir,
    output: () => log,
    stop,
    dispose: async () => {
      await stop();
      await rm(workDir, { recursive: true, force: true });
    },
  };

  const deadline = Date.now() + (options.startTimeoutMs ?? 45_000);
  try {
    for (;;) {
      assert.doesNotMatch(log, STARTUP_ERROR, `langgraphjs dev failed to start:\n${log.slice(-4000)}`);
      assert.ok(alive, `langgraphjs dev exited before answering /ok:\n${log.slice(-4000)}`);
      assert.ok(Date.now() <= deadline, `langgraphjs dev did not answer /ok in time:\n${log.slice(-4000)}`);
      // With custom auth, /ok is behind the auth handler too: a 401/403 also means "up".
      const ok = await fetch(`${url}/ok`).then(
        (r) => r.ok || r.status === 401 || r.status === 403,
        () => false,
      );
      if (ok) return handle;
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
  } catch (error) {
    await handle.dispose();
    throw error;
  }
}
