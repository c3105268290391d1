/**
 * A broker in a process of its own, on a shared PostgreSQL store, driven by
 * the tests over stdin/stdout: one JSON command per line in, one JSON reply
 * per line out, and a first line "ready" once it listens. Configured by
 * environment (see WorkerConfig in worker-client.ts).
 */
import { createInterface } from "node:readline";
import { createLocalBroker, discoverProvider, type StoredToken, type TokenStore } from "@langgraph-oauth/core";
import { createPostgresStore } from "../create-store.ts";

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`broker-worker needs ${name}`);
  return value;
};

const durable = await createPostgresStore({ connectionString: env("WORKER_DATABASE_URL"), recheckMs: 200 });
let store: TokenStore = durable.store;
if (process.env.WORKER_DIE_AFTER_TOKEN_WRITE === "1") {
  // The crash test: the token row is committed, the session not yet finished, no event published.
  const putAndDie = async (token: StoredToken) => {
    await durable.store.putToken(token);
    process.kill(process.pid, "SIGKILL");
  };
  store = new Proxy(durable.store, {
    get: (target, prop) => {
      if (prop === "putToken") return putAndDie;
      const value: unknown = Reflect.get(target, prop, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}
const provider = await discoverProvider({
  id: env("WORKER_PROVIDER_ID"),
  name: "Dev",
  issuer: env("WORKER_ISSUER"),
  clientId: env("WORKER_CLIENT_ID"),
  clientSecret: env("WORKER_CLIENT_SECRET"),
  scopes: [],
});
const broker = createLocalBroker({
  providers: [provider],
  callbackUrl: env("WORKER_CALLBACK_URL"),
  store,
  events: durable.events,
  encryptionKey: env("WORKER_ENCRYPTION_KEY"),
  cacheTtlMs: Number(process.env.WORKER_CACHE_TTL_MS ?? 30_000),
});

type Command =
  | { id: number; op: "authenticate"; userId: string; scopes: string[]; concurrency: number }
  | { id: number; op: "callback"; url: string }
  | { id: number; op: "wait"; authId: string; timeoutMs: number };

async function run(command: Command): Promise<unknown> {
  switch (command.op) {
    case "authenticate": {
      const calls = Array.from({ length: command.concurrency }, () =>
        broker.authenticate({ userId: command.userId, provider: provider.id, scopes: command.scopes }),
      );
      return Promise.all(calls);
    }
    case "callback":
      return broker.handleCallback(command.url);
    case "wait":
      return broker.waitForCompletion(command.authId, { timeoutMs: command.timeoutMs });
  }
}

const lines = createInterface({ input: process.stdin });
lines.on("line", (line) => {
  const command = JSON.parse(line) as Command;
  run(command).then(
    (result) => process.stdout.write(`${JSON.stringify({ id: command.id, result })}\n`),
    (error: unknown) =>
      process.stdout.write(`${JSON.stringify({ id: command.id, error: { name: (error as Error).name, code: (error as { code?: unknown }).code, message: (error as Error).message } })}\n`),
  );
});
lines.on("close", () => void durable.close());
process.stdout.write("ready\n");
