import { readFile, writeFile, mkdir } from "node:fs/promises";
import { join, resolve } from "node:path";
import { ConfigurationError, createKeyRing, generateEncryptionKey } from "@langgraph-oauth/core";
import { createPGliteStore, createPostgresStore, type DurableStore } from "../create-store.ts";

export type StoreKind = "memory" | "pglite" | "postgres";

export interface OpenStoreOptions {
  /** Default: "postgres" when databaseUrl is set, else "pglite". */
  kind?: StoreKind | undefined;
  /** The DATABASE_URL. */
  databaseUrl?: string | undefined;
  /** Where PGlite keeps its data and the generated key. Default `./.langgraph-oauth`. */
  dir?: string | undefined;
  /** LANGGRAPH_OAUTH_ENCRYPTION_KEY; without it PGlite generates a key file, PostgreSQL refuses to start. */
  encryptionKey?: string | undefined;
  /** Told once, when a key file is generated. */
  stderr?: ((line: string) => void) | undefined;
}

/** What a broker takes; `durable` is undefined for the memory store. */
export interface OpenedStore {
  kind: StoreKind;
  durable?: DurableStore | undefined;
  encryptionKey?: string | undefined;
  close(): Promise<void>;
}

export const DEFAULT_DIR = ".langgraph-oauth";
export const KEY_FILE = "encryption.key";

/**
 * The key of a PGlite store that was given none: read from `dir/encryption.key`,
 * or generated there with mode 0600. Tokens are never sealed with a key that
 * a restart would lose.
 */
async function keyFileKey(dir: string, stderr: (line: string) => void): Promise<string> {
  const file = join(dir, KEY_FILE);
  try {
    const key = (await readFile(file, "utf8")).trim();
    createKeyRing(key);
    return key;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") {
      throw new ConfigurationError(`Cannot use the encryption key in ${file}: ${(error as Error).message}`);
    }
  }
  const key = generateEncryptionKey();
  try {
    // "wx": two processes starting together must not each write their own key.
    await writeFile(file, `${key}\n`, { mode: 0o600, flag: "wx" });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return keyFileKey(dir, stderr);
    throw error;
  }
  stderr(`langgraph-oauth: generated an encryption key in ${file} (mode 0600); keep it with the data, or set LANGGRAPH_OAUTH_ENCRYPTION_KEY.`);
  return key;
}

/**
 * The store `langgraph-oauth serve` runs on: PostgreSQL when a DATABASE_URL
 * is given, else PGlite under `./.langgraph-oauth/`, or memory when asked.
 */
export async function openStore(options: OpenStoreOptions = {}): Promise<OpenedStore> {
  const kind = options.kind ?? (options.databaseUrl ? "postgres" : "pglite");
  const encryptionKey = options.encryptionKey || undefined;
  if (kind === "memory") return { kind, encryptionKey, close: async () => undefined };
  if (kind === "postgres") {
    if (!options.databaseUrl) throw new ConfigurationError('store "postgres" needs DATABASE_URL.');
    if (!encryptionKey) {
      // Every process sharing the database must hold the same key, so none may invent one.
      throw new ConfigurationError("A PostgreSQL store needs LANGGRAPH_OAUTH_ENCRYPTION_KEY, the same in every process; create one with generateEncryptionKey().");
    }
    const durable = await createPostgresStore({ connectionString: options.databaseUrl });
    return { kind, durable, encryptionKey, close: () => durable.close() };
  }
  const dir = resolve(options.dir ?? DEFAULT_DIR);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const key = encryptionKey ?? (await keyFileKey(dir, options.stderr ?? ((line) => process.stderr.write(`${line}\n`))));
  const durable = await createPGliteStore({ dataDir: join(dir, "pglite") });
  return { kind, durable, encryptionKey: key, close: () => durable.close() };
}
