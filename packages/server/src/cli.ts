import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { ConfigurationError } from "@langgraph-oauth/core";
import { DEFAULT_DIR, openStore, type OpenedStore } from "@langgraph-oauth/postgres";
import { createOAuthApp } from "./app.ts";
import { createBrokerFromConfig, ENV_API_KEY, loadConfigFile, type Env, type ServerConfig } from "./config.ts";
import { serveApp } from "./serve.ts";

export interface CliIO {
  env: Env;
  cwd: string;
  stdout: (line: string) => void;
  stderr: (line: string) => void;
  /** Registers the shutdown trigger; the default listens for SIGTERM and SIGINT. */
  onShutdown: (listener: (signal: string) => void) => void;
}

const USAGE = `Usage: langgraph-oauth serve [--config <file>] [--port <n>] [--host <addr>]
       langgraph-oauth rewrap [--config <file>]

serve: the OAuth callback (GET /oauth/callback/:provider) and the LangSmith
Agent Auth v2 compatible API (/v2/auth/*) for the providers in the config.
Tokens are kept in PostgreSQL when DATABASE_URL is set, else in PGlite under
./${DEFAULT_DIR}/ ("store": "memory" keeps them in memory only).
rewrap: re-encrypts every stored token to the first key of
LANGGRAPH_OAUTH_ENCRYPTION_KEY ("new,old"), online.

  -c, --config  JSON, .js or .ts config file. Default: the first of
                langgraph-oauth.config.{ts,mts,js,mjs,json} in the current directory.
  -p, --port    Overrides "port" (default 8787; 0 picks a free port).
      --host    Overrides "host" (default 127.0.0.1).

Environment: ${ENV_API_KEY} (enables /v2), LANGGRAPH_OAUTH_ENCRYPTION_KEY,
and provider credentials (<ID>_CLIENT_ID, <ID>_CLIENT_SECRET or { "env": ... }).`;

const DEFAULT_CONFIG_FILES = ["ts", "mts", "js", "mjs", "json"].map((ext) => `langgraph-oauth.config.${ext}`);

function defaultIO(): CliIO {
  return {
    env: process.env,
    cwd: process.cwd(),
    stdout: (line) => process.stdout.write(`${line}\n`),
    stderr: (line) => process.stderr.write(`${line}\n`),
    onShutdown: (listener) => {
      process.on("SIGTERM", () => listener("SIGTERM"));
      process.on("SIGINT", () => listener("SIGINT"));
    },
  };
}

/**
 * `langgraph-oauth serve`: config → broker → app → @hono/node-server, until
 * SIGTERM/SIGINT. Resolves to the process exit code. Kept thin on purpose:
 * the config handling lives (and is tested) in config.ts.
 */
export async function main(argv: readonly string[], io: CliIO = defaultIO()): Promise<number> {
  let args: ReturnType<typeof parse>;
  try {
    args = parse(argv);
  } catch (error) {
    io.stderr(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
    return 2;
  }
  if (args.values.help) {
    io.stdout(USAGE);
    return 0;
  }
  const [command, ...extra] = args.positionals;
  if ((command !== "serve" && command !== "rewrap") || extra.length > 0) {
    io.stderr(`${command === undefined ? "No command given." : `Unknown command "${[command, ...extra].join(" ")}".`}\n\n${USAGE}`);
    return 2;
  }
  try {
    return command === "rewrap" ? await rewrap(args.values, io) : await serve(args.values, io);
  } catch (error) {
    // Configuration problems are the user's to fix: the message says how, a stack would only hide it.
    io.stderr(error instanceof ConfigurationError ? error.message : `langgraph-oauth: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
    return 1;
  }
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      config: { type: "string", short: "c" },
      port: { type: "string", short: "p" },
      host: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
}

async function configFrom(values: ReturnType<typeof parse>["values"], io: CliIO): Promise<ServerConfig> {
  const file = values.config ? resolve(io.cwd, values.config) : DEFAULT_CONFIG_FILES.map((f) => resolve(io.cwd, f)).find((f) => existsSync(f));
  if (!file) throw new ConfigurationError(`No config file: pass --config <file> or create one of ${DEFAULT_CONFIG_FILES.join(", ")}.`);
  return loadConfigFile(file, io.env);
}

function openConfiguredStore(config: ServerConfig, io: CliIO): Promise<OpenedStore> {
  return openStore({
    kind: config.store,
    databaseUrl: config.databaseUrl,
    dir: resolve(io.cwd, config.dataDir ?? DEFAULT_DIR),
    encryptionKey: config.encryptionKey,
    stderr: io.stderr,
  });
}

async function rewrap(values: ReturnType<typeof parse>["values"], io: CliIO): Promise<number> {
  const opened = await openConfiguredStore(await configFrom(values, io), io);
  try {
    if (!opened.durable || !opened.encryptionKey) throw new ConfigurationError('Nothing to rewrap: "store": "memory" keeps no tokens.');
    const report = await opened.durable.rewrap(opened.encryptionKey);
    io.stdout(`langgraph-oauth: ${report.rewrapped} rows now sealed with key "${report.kid}", ${report.changedMeanwhile} changed by another process meanwhile`);
    for (const key of report.unreadable) io.stderr(`  unreadable: user "${key.userId}" at provider "${key.provider}"${key.agentId ? ` (agent "${key.agentId}")` : ""}`);
    return report.unreadable.length > 0 ? 1 : 0;
  } finally {
    await opened.close();
  }
}

async function serve(values: ReturnType<typeof parse>["values"], io: CliIO): Promise<number> {
  const config = await configFrom(values, io);
  if (values.port !== undefined) {
    const port = Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigurationError(`--port must be an integer from 0 to 65535; got "${values.port}".`);
    config.port = port;
  }
  if (values.host !== undefined) config.host = values.host;

  const opened = await openConfiguredStore(config, io);
  config.encryptionKey = opened.encryptionKey;
  const broker = await createBrokerFromConfig(config, { store: opened.durable?.store, events: opened.durable?.events }).catch(async (error: unknown) => {
    await opened.close();
    throw error;
  });
  const shutdown = new AbortController();
  const app = createOAuthApp({
    broker,
    apiKey: config.apiKey,
    basePath: config.basePath,
    successPage: { postMessageOrigin: config.postMessageOrigin },
    maxWaitSeconds: config.maxWaitSeconds,
    signal: shutdown.signal,
  });
  const running = await serveApp({ fetch: app.fetch, port: config.port, host: config.host });

  const base = `${running.url}${config.basePath?.replace(/\/+$/, "") ?? ""}`;
  io.stdout(`langgraph-oauth listening on ${running.url}`);
  for (const provider of broker.providers) io.stdout(`  ${provider.id}: redirect URI ${broker.redirectUriFor(provider.id)}`);
  io.stdout(`  store: ${opened.kind === "memory" ? "memory (lost on restart)" : opened.kind === "postgres" ? "PostgreSQL" : `PGlite in ${resolve(io.cwd, config.dataDir ?? DEFAULT_DIR)}`}`);
  io.stdout(config.apiKey ? `  API: ${base}/v2/auth (X-Api-Key required)` : `  API: disabled (set ${ENV_API_KEY} to enable ${base}/v2/auth)`);

  let received = 0;
  const signal = await new Promise<string>((resolveSignal) =>
    io.onShutdown((name) => {
      received += 1;
      // A second signal means "now": cut the connections still open.
      if (received === 1) resolveSignal(name);
      else running.server.closeAllConnections();
    }),
  );
  io.stdout(`langgraph-oauth: ${signal} received, shutting down`);
  // Open long-polls answer "timeout" at once, so closing does not wait for them.
  shutdown.abort();
  await running.close();
  await opened.close();
  io.stdout("langgraph-oauth: stopped");
  return 0;
}
