import { spawn, type ChildProcess } from "node:child_process";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";

export interface WorkerConfig {
  databaseUrl: string;
  encryptionKey: string;
  issuer: string;
  providerId: string;
  clientId: string;
  clientSecret: string;
  callbackUrl: string;
  cacheTtlMs?: number;
  /** SIGKILL itself right after the first token row is written (the crash test). */
  dieAfterTokenWrite?: boolean;
}

export interface WorkerError {
  name: string;
  code?: string;
  message: string;
}

/** A broker-worker.ts child process and the line protocol to drive it. */
export interface Worker {
  readonly child: ChildProcess;
  send<T>(command: Record<string, unknown>): Promise<T>;
  /** Resolves with the exit signal or code once the process is gone. */
  readonly exited: Promise<string>;
  /** Ends stdin (the worker closes its store and exits) and waits for the exit. */
  stop(): Promise<string>;
}

const WORKER = fileURLToPath(new URL("./broker-worker.ts", import.meta.url));

/** Spawns the worker and resolves once it printed "ready". */
export async function startWorker(config: WorkerConfig): Promise<Worker> {
  const child = spawn(process.execPath, ["--conditions=source", "--import", "tsx", WORKER], {
    env: {
      ...process.env,
      WORKER_DATABASE_URL: config.databaseUrl,
      WORKER_ENCRYPTION_KEY: config.encryptionKey,
      WORKER_ISSUER: config.issuer,
      WORKER_PROVIDER_ID: config.providerId,
      WORKER_CLIENT_ID: config.clientId,
      WORKER_CLIENT_SECRET: config.clientSecret,
      WORKER_CALLBACK_URL: config.callbackUrl,
      WORKER_CACHE_TTL_MS: String(config.cacheTtlMs ?? 30_000),
      WORKER_DIE_AFTER_TOKEN_WRITE: config.dieAfterTokenWrite ? "1" : "",
    },
    stdio: ["pipe", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  const exited = new Promise<string>((resolve) => child.once("exit", (code, signal) => resolve(signal ?? String(code))));
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: unknown) => void }>();
  let ready = () => {};
  const isReady = new Promise<void>((resolve) => (ready = resolve));
  createInterface({ input: child.stdout! }).on("line", (line) => {
    if (line === "ready") return ready();
    const reply = JSON.parse(line) as { id: number; result?: unknown; error?: WorkerError };
    const waiter = pending.get(reply.id);
    pending.delete(reply.id);
    if (reply.error) waiter?.reject(Object.assign(new Error(reply.error.message), reply.error));
    else waiter?.resolve(reply.result);
  });
  void exited.then((how) => {
    for (const waiter of pending.values()) waiter.reject(new Error(`worker exited (${how}) before replying\n${stderr}`));
    pending.clear();
  });
  await Promise.race([
    isReady,
    exited.then((how) => {
      throw new Error(`worker exited (${how}) before it was ready:\n${stderr}`);
    }),
  ]);
  let next = 0;
  return {
    child,
    exited,
    send<T>(command: Record<string, unknown>) {
      const id = (next += 1);
      return new Promise<T>((resolve, reject) => {
        pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
        child.stdin?.write(`${JSON.stringify({ ...command, id })}\n`);
      });
    },
    async stop() {
      child.stdin?.end();
      return exited;
    },
  };
}
