import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ConfigurationError, generateEncryptionKey } from "@langgraph-oauth/core";
import { KEY_FILE, openStore } from "./open-store.ts";

describe("openStore", () => {
  const dirs: string[] = [];
  const tempDir = () => {
    const dir = mkdtempSync(join(tmpdir(), "lgo-open-"));
    dirs.push(dir);
    return dir;
  };
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it("without a key, generates one beside the PGlite data with mode 0600, says so once, and reuses it after a restart", async () => {
    const dir = tempDir();
    const told: string[] = [];
    const first = await openStore({ dir, stderr: (line) => told.push(line) });
    expect(first.kind).toBe("pglite");
    await first.durable!.store.putToken({ key: { userId: "alice", provider: "github" }, ciphertext: "sealed", scopes: [], updatedAt: new Date().toISOString() });
    await first.close();
    const file = join(dir, KEY_FILE);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, "utf8").trim()).toBe(first.encryptionKey);
    expect(told).toHaveLength(1);
    expect(told[0]).toContain(file);
    expect(told[0]).not.toContain(first.encryptionKey!.split(":")[1]);

    const second = await openStore({ dir, stderr: (line) => told.push(line) });
    expect(second.encryptionKey).toBe(first.encryptionKey);
    expect((await second.durable!.store.getToken({ userId: "alice", provider: "github" }))?.ciphertext).toBe("sealed");
    await second.close();
    expect(told).toHaveLength(1);
  }, 60_000);

  it("opens no database for the memory store, and refuses a broken key file with a clear error", async () => {
    const dir = tempDir();
    const key = generateEncryptionKey("given");
    const opened = await openStore({ kind: "memory", dir, encryptionKey: key });
    expect(opened).toMatchObject({ kind: "memory", encryptionKey: key });
    expect(opened.durable).toBeUndefined();
    writeFileSync(join(dir, KEY_FILE), "not-a-key\n");
    await expect(openStore({ dir })).rejects.toThrow(ConfigurationError);
  });

  it("asks for PostgreSQL's URL and a shared key instead of inventing one", async () => {
    await expect(openStore({ kind: "postgres" })).rejects.toThrow(/needs DATABASE_URL/);
    await expect(openStore({ databaseUrl: "postgres://x@127.0.0.1:1/db" })).rejects.toThrow(/LANGGRAPH_OAUTH_ENCRYPTION_KEY, the same in every process/);
  });
});
