import { readFile } from "node:fs/promises";
import { extname, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { z } from "zod";
import {
  ConfigurationError,
  createLocalBroker,
  defineProvider,
  discoverProvider,
  OAuthError,
  providers as catalog,
  type AuthEvents,
  type DiscoverOptions,
  type LocalBroker,
  type ProviderCredentials,
  type ProviderDefinition,
  type TokenStore,
} from "@langgraph-oauth/core";

/**
 * The `langgraph-oauth serve` config file: JSON, or a .js/.ts module whose
 * default export is the object (or a function returning it). Secrets come
 * from the environment: LANGGRAPH_OAUTH_API_KEY, LANGGRAPH_OAUTH_ENCRYPTION_KEY
 * and provider credentials as `{ "env": "NAME" }` (or a catalog entry's
 * default `<ID>_CLIENT_ID` / `<ID>_CLIENT_SECRET`).
 */

export const ENV_API_KEY = "LANGGRAPH_OAUTH_API_KEY";
export const ENV_ENCRYPTION_KEY = "LANGGRAPH_OAUTH_ENCRYPTION_KEY";
export const ENV_DATABASE_URL = "DATABASE_URL";

export type Env = Readonly<Record<string, string | undefined>>;

const envName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "an environment variable name");
/** A literal, or `{ "env": "NAME" }` read from the environment at start-up. */
const value = z.union([z.string().min(1), z.strictObject({ env: envName })]);
type Value = z.infer<typeof value>;

const scopes = z.array(z.string().min(1)).max(100);
const stringRecord = z.record(z.string(), z.string());
const providerId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "1-64 letters, digits, - or _ (it is part of the callback URL)");

const catalogEntrySchema = z.looseObject({
  catalog: z.string().min(1),
  id: providerId.optional(),
  clientId: value.optional(),
  clientSecret: value.optional(),
  scopes: scopes.optional(),
});

const common = {
  id: providerId,
  name: z.string().min(1).optional(),
  clientId: value,
  clientSecret: value.optional(),
  clientAuth: z.enum(["client_secret_basic", "client_secret_post", "none"]).optional(),
  scopes: scopes.optional(),
  scopeSeparator: z.string().min(1).optional(),
  authorizationParams: stringRecord.optional(),
  tokenParams: stringRecord.optional(),
  docsUrl: z.string().optional(),
};

const explicitEntrySchema = z.strictObject({
  ...common,
  authorizationUrl: z.string().min(1),
  tokenUrl: z.string().min(1),
  revocationUrl: z.string().min(1).optional(),
  userinfoUrl: z.string().min(1).optional(),
  issuer: z.string().min(1).optional(),
});

const discoveryEntrySchema = z.strictObject({ ...common, issuer: z.string().min(1) });

const configSchema = z.strictObject({
  $schema: z.string().optional(),
  /** Public base of the callback route; each provider's redirect URI is `${callbackUrl}/${id}`. */
  callbackUrl: z.url({ protocol: /^https?$/ }),
  port: z.number().int().min(0).max(65535).default(8787),
  host: z.string().min(1).default("127.0.0.1"),
  basePath: z.string().optional(),
  stateTtlSeconds: z.number().int().positive().optional(),
  maxWaitSeconds: z.number().int().min(0).optional(),
  successPage: z.strictObject({ postMessageOrigin: z.string().optional() }).optional(),
  /** Default: "postgres" when DATABASE_URL is set, else "pglite" in dataDir. */
  store: z.enum(["memory", "pglite", "postgres"]).optional(),
  /** Where PGlite keeps data and a generated key, relative to the working directory. Default ".langgraph-oauth". */
  dataDir: z.string().min(1).optional(),
  providers: z.array(z.unknown()).min(1, "configure at least one provider"),
});

/** A provider as configured: a ready definition, or an issuer to discover at start-up. */
export type ProviderSource = { kind: "definition"; definition: ProviderDefinition } | { kind: "discovery"; options: DiscoverOptions };

export interface ServerConfig {
  callbackUrl: string;
  port: number;
  host: string;
  basePath?: string | undefined;
  stateTtlMs?: number | undefined;
  maxWaitSeconds?: number | undefined;
  postMessageOrigin?: string | undefined;
  providers: ProviderSource[];
  apiKey?: string | undefined;
  encryptionKey?: string | undefined;
  store?: "memory" | "pglite" | "postgres" | undefined;
  dataDir?: string | undefined;
  databaseUrl?: string | undefined;
}

/** Every problem in a config file at once, each prefixed with where it is. */
export class ConfigFileError extends ConfigurationError {
  override name = "ConfigFileError";
  readonly problems: string[];
  constructor(source: string, problems: string[]) {
    super(`Invalid config${source ? ` (${source})` : ""}:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.problems = problems;
  }
}

function where(path: readonly PropertyKey[]): string {
  return path.reduce<string>((out, key) => (typeof key === "number" ? `${out}[${key}]` : out ? `${out}.${String(key)}` : String(key)), "");
}

function issuesOf(error: z.ZodError, prefix: readonly PropertyKey[]): string[] {
  return error.issues.map((issue) => `${where([...prefix, ...issue.path]) || "(root)"}: ${issue.message}`);
}

/** `github-work` → `GITHUB_WORK`, for the default credential variables of a catalog entry. */
export function envPrefix(id: string): string {
  return id.toUpperCase().replace(/[^A-Z0-9]/g, "_");
}

class Resolver {
  readonly problems: string[] = [];
  constructor(private readonly env: Env) {}

  secret(input: Value | undefined, path: string, fallbackEnv?: string): string | undefined {
    if (input === undefined) {
      const fromEnv = fallbackEnv === undefined ? undefined : this.env[fallbackEnv];
      return fromEnv === "" ? undefined : fromEnv;
    }
    if (typeof input === "string") return input;
    const fromEnv = this.env[input.env];
    if (fromEnv === undefined || fromEnv === "") {
      this.problems.push(`${path}: environment variable ${input.env} is not set`);
      return undefined;
    }
    return fromEnv;
  }
}

function catalogProvider(raw: z.infer<typeof catalogEntrySchema>, path: string, resolver: Resolver): ProviderSource | undefined {
  const { catalog: name, id, clientId, clientSecret, scopes: entryScopes, ...extra } = raw;
  const factory = Object.hasOwn(catalog, name) ? (catalog as unknown as Record<string, (c: ProviderCredentials) => ProviderDefinition>)[name] : undefined;
  if (!factory) {
    resolver.problems.push(`${path}.catalog: unknown catalog provider "${name}"; known: ${Object.keys(catalog).join(", ")}`);
    return undefined;
  }
  const prefix = envPrefix(id ?? name);
  const resolvedId = resolver.secret(clientId, `${path}.clientId`, `${prefix}_CLIENT_ID`);
  if (resolvedId === undefined) {
    if (clientId === undefined) resolver.problems.push(`${path}.clientId: set ${prefix}_CLIENT_ID, or give "clientId" (e.g. { "env": "NAME" })`);
    return undefined;
  }
  // Provider-specific options (Okta's domain, Microsoft's tenant…) go to the factory as they are.
  const options: Record<string, unknown> = {};
  for (const [key, option] of Object.entries(extra)) {
    const parsed = value.safeParse(option);
    options[key] = parsed.success ? resolver.secret(parsed.data, `${path}.${key}`) : option;
  }
  const secret = resolver.secret(clientSecret, `${path}.clientSecret`, `${prefix}_CLIENT_SECRET`);
  try {
    const definition = factory({
      ...options,
      clientId: resolvedId,
      ...(secret !== undefined ? { clientSecret: secret } : {}),
      ...(id !== undefined ? { id } : {}),
      ...(entryScopes !== undefined ? { scopes: entryScopes } : {}),
    });
    return { kind: "definition", definition: defineProvider(definition) };
  } catch (error) {
    resolver.problems.push(`${path}: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  }
}

type Defined<T> = { [K in keyof T]: Exclude<T[K], undefined> };

/** Drops keys whose value is undefined: a spread `{ name: undefined }` would override a default downstream. */
function compact<T extends object>(input: T): Defined<T> {
  return Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) as Defined<T>;
}

function withCredentials<T extends { clientId: Value; clientSecret?: Value | undefined }>(raw: T, path: string, resolver: Resolver) {
  const clientId = resolver.secret(raw.clientId, `${path}.clientId`);
  const clientSecret = resolver.secret(raw.clientSecret, `${path}.clientSecret`);
  if (clientId === undefined) return undefined;
  return compact({ ...raw, clientId, clientSecret });
}

function providerSource(raw: unknown, index: number, resolver: Resolver): ProviderSource | undefined {
  const path = `providers[${index}]`;
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    resolver.problems.push(`${path}: expected an object`);
    return undefined;
  }
  // The keys present choose the kind, so an error names the right fields.
  const schema =
    "catalog" in raw
      ? catalogEntrySchema
      : "authorizationUrl" in raw || "tokenUrl" in raw
        ? explicitEntrySchema
        : "issuer" in raw
          ? discoveryEntrySchema
          : undefined;
  if (!schema) {
    resolver.problems.push(`${path}: give "catalog" (e.g. "github"), or "authorizationUrl" and "tokenUrl", or an OIDC "issuer" to discover`);
    return undefined;
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    resolver.problems.push(...issuesOf(parsed.error, ["providers", index]));
    return undefined;
  }
  if (schema === catalogEntrySchema) return catalogProvider(parsed.data as z.infer<typeof catalogEntrySchema>, path, resolver);
  if (schema === explicitEntrySchema) {
    const entry = withCredentials(parsed.data as z.infer<typeof explicitEntrySchema>, path, resolver);
    if (!entry) return undefined;
    try {
      return { kind: "definition", definition: defineProvider({ ...entry, name: entry.name ?? entry.id }) };
    } catch (error) {
      resolver.problems.push(`${path}: ${error instanceof Error ? error.message : String(error)}`);
      return undefined;
    }
  }
  const entry = withCredentials(parsed.data as z.infer<typeof discoveryEntrySchema>, path, resolver);
  return entry ? { kind: "discovery", options: entry } : undefined;
}

/**
 * Validates a config object and resolves its secrets from `env`. Throws one
 * ConfigFileError listing every problem, so a user fixes them in one go.
 */
export function parseConfig(input: unknown, env: Env = process.env, source = ""): ServerConfig {
  const problems: string[] = [];
  let candidate = input;
  if (typeof input === "object" && input !== null && !Array.isArray(input)) {
    // Secrets belong in the environment; say so instead of "unrecognized key".
    const { apiKey, encryptionKey, ...rest } = input as Record<string, unknown>;
    if (apiKey !== undefined) problems.push(`apiKey: keep it out of the config file; set ${ENV_API_KEY}`);
    if (encryptionKey !== undefined) problems.push(`encryptionKey: keep it out of the config file; set ${ENV_ENCRYPTION_KEY}`);
    candidate = rest;
  }
  const parsed = configSchema.safeParse(candidate);
  if (!parsed.success) throw new ConfigFileError(source, [...problems, ...issuesOf(parsed.error, [])]);

  const resolver = new Resolver(env);
  const sources = parsed.data.providers.map((raw, index) => providerSource(raw, index, resolver));
  problems.push(...resolver.problems);
  const ids = new Map<string, number>();
  sources.forEach((s, index) => {
    const id = s?.kind === "definition" ? s.definition.id : s?.options.id;
    if (id === undefined) return;
    if (ids.has(id)) problems.push(`providers[${index}]: id "${id}" is also used by providers[${ids.get(id)}]; give one an "id"`);
    ids.set(id, index);
  });
  if (problems.length > 0) throw new ConfigFileError(source, problems);

  const config = parsed.data;
  const apiKey = env[ENV_API_KEY];
  const encryptionKey = env[ENV_ENCRYPTION_KEY];
  const databaseUrl = env[ENV_DATABASE_URL];
  return {
    callbackUrl: config.callbackUrl,
    port: config.port,
    host: config.host,
    basePath: config.basePath,
    stateTtlMs: config.stateTtlSeconds === undefined ? undefined : config.stateTtlSeconds * 1000,
    maxWaitSeconds: config.maxWaitSeconds,
    postMessageOrigin: config.successPage?.postMessageOrigin,
    providers: sources.filter((s): s is ProviderSource => s !== undefined),
    apiKey: apiKey === "" ? undefined : apiKey,
    encryptionKey: encryptionKey === "" ? undefined : encryptionKey,
    store: config.store,
    dataDir: config.dataDir,
    databaseUrl: databaseUrl === "" ? undefined : databaseUrl,
  };
}

const MODULE_EXTENSIONS = new Set([".js", ".mjs", ".cjs", ".ts", ".mts", ".cts"]);

/** Reads a config file (JSON or a module default-exporting the config) and parses it. */
export async function loadConfigFile(file: string, env: Env = process.env): Promise<ServerConfig> {
  const path = resolve(file);
  const extension = extname(path).toLowerCase();
  let input: unknown;
  if (extension === ".json") {
    let text: string;
    try {
      text = await readFile(path, "utf8");
    } catch (error) {
      throw new ConfigurationError(`Cannot read config file ${path}: ${(error as NodeJS.ErrnoException).code ?? "error"}.`);
    }
    try {
      input = JSON.parse(text);
    } catch (error) {
      throw new ConfigurationError(`Config file ${path} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
    }
  } else if (MODULE_EXTENSIONS.has(extension)) {
    let mod: { default?: unknown };
    try {
      mod = (await import(pathToFileURL(path).href)) as { default?: unknown };
    } catch (error) {
      const hint = extension.endsWith("ts") ? " (a .ts config needs a TypeScript loader: run with `node --import tsx`, or use .js/.json)" : "";
      throw new ConfigurationError(`Cannot load config module ${path}${hint}: ${error instanceof Error ? error.message : String(error)}`);
    }
    input = typeof mod.default === "function" ? await (mod.default as () => unknown)() : mod.default;
    if (input === undefined) throw new ConfigurationError(`Config module ${path} has no default export.`);
  } else {
    throw new ConfigurationError(`Config file ${path}: use .json, .js, .mjs or .ts.`);
  }
  return parseConfig(input, env, path);
}

/** Discovers issuer-based providers and creates the broker, on the given store (see openStore) or in memory. */
export async function createBrokerFromConfig(
  config: ServerConfig,
  options: { fetch?: DiscoverOptions["fetch"]; store?: TokenStore | undefined; events?: AuthEvents | undefined } = {},
): Promise<LocalBroker> {
  const definitions = await Promise.all(
    config.providers.map(async (source) => {
      if (source.kind === "definition") return source.definition;
      try {
        return await discoverProvider({ ...source.options, ...(options.fetch ? { fetch: options.fetch } : {}) });
      } catch (error) {
        if (error instanceof OAuthError) throw withProvider(error, source.options.id);
        throw error;
      }
    }),
  );
  return createLocalBroker({
    providers: definitions,
    callbackUrl: config.callbackUrl,
    store: options.store,
    events: options.events,
    ...(config.encryptionKey !== undefined ? { encryptionKey: config.encryptionKey } : {}),
    ...(config.stateTtlMs !== undefined ? { stateTtlMs: config.stateTtlMs } : {}),
  });
}

function withProvider(error: OAuthError, id: string): OAuthError {
  if (!error.message.includes(`"${id}"`)) error.message = `Provider "${id}": ${error.message}`;
  return error;
}
