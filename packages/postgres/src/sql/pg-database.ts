import { createHash } from "node:crypto";
import type { Pool, PoolClient } from "pg";
import { createKeyedLock } from "@langgraph-oauth/core";
import { ADVISORY_NAMESPACE, type SqlDatabase, type SqlQuery } from "./database.ts";

const asQuery = (client: Pool | PoolClient): SqlQuery => ({
  query: async <R extends object>(sql: string, params?: readonly unknown[]) => (await client.query(sql, params as unknown[])).rows as R[],
});

/**
 * node-postgres behind SqlDatabase. A lock is a transaction-scoped advisory
 * lock (`pg_advisory_xact_lock`) held on a connection of its own for as long
 * as fn runs: it ends with the transaction, so a crashed process never leaves
 * one behind. Within this process, callers of one name queue in memory first,
 * so they hold at most one pool connection per name while they wait.
 */
export function pgDatabase(pool: Pool, ownsPool: boolean): SqlDatabase {
  const local = createKeyedLock();
  const transaction = async <T>(fn: (tx: SqlQuery) => Promise<T>): Promise<T> => {
    const client = await pool.connect();
    try {
      await client.query("BEGIN");
      const result = await fn(asQuery(client));
      await client.query("COMMIT");
      return result;
    } catch (error) {
      await client.query("ROLLBACK").catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  };
  return {
    engine: "postgres",
    ...asQuery(pool),
    transaction,
    lock: (name, fn) =>
      local(name, () =>
        transaction(async (tx) => {
          await tx.query("SELECT pg_advisory_xact_lock(hashtext($1), $2)", [ADVISORY_NAMESPACE, lockKey(name)]);
          return fn();
        }),
      ),
    async listen(channel, onPayload) {
      // A pooled connection would be handed to other queries; LISTEN needs one that stays.
      const client = await pool.connect();
      const onNotification = (message: { channel: string; payload?: string | undefined }) => {
        if (message.channel === channel && message.payload !== undefined) onPayload(message.payload);
      };
      client.on("notification", onNotification);
      // A broken connection ends delivery here; waiters still see completions by re-reading rows.
      const onError = () => client.release(true);
      client.once("error", onError);
      await client.query(`LISTEN ${quoteIdent(channel)}`);
      return async () => {
        client.off("notification", onNotification);
        client.off("error", onError);
        await client.query(`UNLISTEN ${quoteIdent(channel)}`).catch(() => undefined);
        client.release();
      };
    },
    async close() {
      if (ownsPool) await pool.end();
    },
  };
}

/**
 * The lock's second key: 32 bits of SHA-256 of its name, computed here since
 * names (token keys) hold NUL, which PostgreSQL text cannot. Two names that
 * collide only take turns; they never share a section wrongly.
 */
function lockKey(name: string): number {
  return createHash("sha256").update(name).digest().readInt32BE(0);
}

function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
