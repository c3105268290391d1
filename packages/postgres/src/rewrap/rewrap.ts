import { createKeyRing, sealBinding, type TokenKey } from "@langgraph-oauth/core";
import type { SqlDatabase } from "../sql/database.ts";
import { SCHEMA } from "../schema/migrations.ts";
import { jweKid } from "../store/jwe-kid.ts";

export interface RewrapOptions {
  /** Rows read and rewritten per round trip. Default 200. */
  batchSize?: number | undefined;
}

export interface RewrapReport {
  /** The kid every rewritten row is now sealed with. */
  kid: string;
  /** Tokens and pending sessions sealed again under `kid`. */
  rewrapped: number;
  /** Rows another process rewrote while we read them; theirs is kept (it is newer). */
  changedMeanwhile: number;
  /** Tokens no key of the ring opens (corrupted, or a key that was dropped). Ids only. */
  unreadable: TokenKey[];
}

interface TokenRow {
  id: string;
  user_id: string;
  provider: string;
  agent_id: string;
  ciphertext: string;
}

/**
 * Re-encrypts every row to the newest key of `encryptionKey`, online: rows
 * are read in batches and each is written back only if nobody changed it
 * meanwhile (compare and set on the ciphertext), so a refresh in another
 * process is never overwritten with older tokens. Keep the old key in every
 * process's ring until this reports no unreadable rows and no process writes
 * with it any more.
 */
export async function rewrap(db: SqlDatabase, encryptionKey: string | readonly string[], options: RewrapOptions = {}): Promise<RewrapReport> {
  const keyring = createKeyRing(encryptionKey);
  const batchSize = options.batchSize ?? 200;
  const report: RewrapReport = { kid: keyring.currentKid, rewrapped: 0, changedMeanwhile: 0, unreadable: [] };

  const reseal = async (sealed: string, binding: string): Promise<string | undefined> => {
    try {
      return await keyring.seal(await keyring.open(sealed, binding), binding);
    } catch {
      return undefined;
    }
  };

  let after = "";
  for (;;) {
    const rows = await db.query<TokenRow>(
      `SELECT id, user_id, provider, agent_id, ciphertext FROM ${SCHEMA}.connections
       WHERE id > $1 AND (kid IS NULL OR kid <> $2) ORDER BY id LIMIT $3`,
      [after, keyring.currentKid, batchSize],
    );
    for (const row of rows) {
      const key: TokenKey = { userId: row.user_id, provider: row.provider, agentId: row.agent_id || undefined };
      const next = await reseal(row.ciphertext, sealBinding.token(key));
      if (next === undefined) {
        report.unreadable.push(key);
        continue;
      }
      const written = await db.query(
        `UPDATE ${SCHEMA}.connections SET ciphertext = $2, kid = $3 WHERE id = $1 AND ciphertext = $4 RETURNING id`,
        [row.id, next, keyring.currentKid, row.ciphertext],
      );
      if (written.length > 0) report.rewrapped += 1;
      else report.changedMeanwhile += 1;
    }
    if (rows.length < batchSize) break;
    after = rows.at(-1)?.id ?? after;
  }

  // Pending sessions hold the PKCE verifier sealed; they live minutes, so there are few.
  const sessions = await db.query<{ auth_id: string; sealed: string }>(
    `SELECT auth_id, session->>'sealedSecrets' AS sealed FROM ${SCHEMA}.auth_sessions WHERE status = 'pending'`,
  );
  for (const session of sessions) {
    if (jweKid(session.sealed) === keyring.currentKid) continue;
    const next = await reseal(session.sealed, sealBinding.auth(session.auth_id));
    if (next === undefined) continue;
    const written = await db.query(
      `UPDATE ${SCHEMA}.auth_sessions SET session = jsonb_set(session, '{sealedSecrets}', to_jsonb($2::text))
       WHERE auth_id = $1 AND session->>'sealedSecrets' = $3 RETURNING auth_id`,
      [session.auth_id, next, session.sealed],
    );
    if (written.length > 0) report.rewrapped += 1;
    else report.changedMeanwhile += 1;
  }
  return report;
}
