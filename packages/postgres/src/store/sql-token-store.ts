import type { AuthSession, FinalAuthStatus, StoredToken, TokenKey, TokenStore } from "@langgraph-oauth/core";
import type { SqlDatabase } from "../sql/database.ts";
import { SCHEMA } from "../schema/migrations.ts";
import { jweKid } from "./jwe-kid.ts";

interface TokenRow {
  ciphertext: string;
  scopes: string[];
  expires_at: Date | null;
  updated_at: Date;
}

interface SessionRow {
  status: AuthSession["status"];
  consumed_at: Date | null;
  session: AuthSession;
}

/** Sessions match on the exact scope set, in any order: the key is that set, sorted. */
export const scopeKey = (scopes: readonly string[]): string => [...new Set(scopes)].sort().join(" ");

const iso = (value: string | undefined): string | null => (value === undefined ? null : new Date(value).toISOString());

const SESSION_COLUMNS = "status, consumed_at, session";

function toSession(row: SessionRow | undefined): AuthSession | undefined {
  if (!row) return undefined;
  const { consumedAt: _stale, ...session } = row.session;
  return row.consumed_at ? { ...session, status: row.status, consumedAt: row.consumed_at.toISOString() } : { ...session, status: row.status };
}

/**
 * The TokenStore over SQL, the same for PostgreSQL and PGlite. Rows hold
 * ciphertext only (the broker seals before it stores). Atomicity comes from
 * single statements: a consume is one `UPDATE … WHERE consumed_at IS NULL
 * RETURNING`, so of any number of processes exactly one gets the session.
 */
export class SqlTokenStore implements TokenStore {
  readonly persistent = true;
  readonly #db: SqlDatabase;

  constructor(db: SqlDatabase) {
    this.#db = db;
  }

  async getToken(key: TokenKey): Promise<StoredToken | undefined> {
    const [row] = await this.#db.query<TokenRow>(
      `SELECT ciphertext, scopes, expires_at, updated_at FROM ${SCHEMA}.connections
       WHERE user_id = $1 AND provider = $2 AND agent_id = $3 AND is_default`,
      [key.userId, key.provider, key.agentId ?? ""],
    );
    if (!row) return undefined;
    return {
      key: { userId: key.userId, provider: key.provider, agentId: key.agentId },
      ciphertext: row.ciphertext,
      scopes: row.scopes,
      expiresAt: row.expires_at?.toISOString(),
      updatedAt: row.updated_at.toISOString(),
    };
  }

  async putToken(token: StoredToken): Promise<void> {
    await this.#db.query(
      `INSERT INTO ${SCHEMA}.connections (user_id, provider, agent_id, ciphertext, kid, scopes, expires_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6::text[], $7::timestamptz, $8::timestamptz)
       ON CONFLICT (user_id, provider, agent_id) WHERE is_default DO UPDATE SET
         ciphertext = EXCLUDED.ciphertext, kid = EXCLUDED.kid, scopes = EXCLUDED.scopes,
         expires_at = EXCLUDED.expires_at, updated_at = EXCLUDED.updated_at, health = 'healthy'`,
      [
        token.key.userId,
        token.key.provider,
        token.key.agentId ?? "",
        token.ciphertext,
        jweKid(token.ciphertext) ?? null,
        token.scopes,
        iso(token.expiresAt),
        iso(token.updatedAt),
      ],
    );
  }

  async deleteToken(key: TokenKey): Promise<boolean> {
    const rows = await this.#db.query(
      `DELETE FROM ${SCHEMA}.connections WHERE user_id = $1 AND provider = $2 AND agent_id = $3 AND is_default RETURNING id`,
      [key.userId, key.provider, key.agentId ?? ""],
    );
    return rows.length > 0;
  }

  async createAuth(session: AuthSession): Promise<void> {
    await this.#db.query(
      `INSERT INTO ${SCHEMA}.auth_sessions (auth_id, state_hash, user_id, provider, agent_id, scope_key, status, consumed_at, created_at, expires_at, session)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8::timestamptz, $9::timestamptz, $10::timestamptz, $11::jsonb)`,
      [
        session.authId,
        session.stateHash,
        session.userId,
        session.provider,
        session.agentId ?? "",
        scopeKey(session.scopes),
        session.status,
        iso(session.consumedAt),
        iso(session.createdAt),
        iso(session.expiresAt),
        JSON.stringify(session),
      ],
    );
  }

  async getAuth(authId: string): Promise<AuthSession | undefined> {
    const [row] = await this.#db.query<SessionRow>(`SELECT ${SESSION_COLUMNS} FROM ${SCHEMA}.auth_sessions WHERE auth_id = $1`, [authId]);
    return toSession(row);
  }

  async getAuthByState(stateHash: string): Promise<AuthSession | undefined> {
    const [row] = await this.#db.query<SessionRow>(`SELECT ${SESSION_COLUMNS} FROM ${SCHEMA}.auth_sessions WHERE state_hash = $1`, [stateHash]);
    return toSession(row);
  }

  async findPendingAuth(key: TokenKey, scopes: readonly string[], now: Date): Promise<AuthSession | undefined> {
    const [row] = await this.#db.query<SessionRow>(
      `SELECT ${SESSION_COLUMNS} FROM ${SCHEMA}.auth_sessions
       WHERE user_id = $1 AND provider = $2 AND agent_id = $3 AND scope_key = $4
         AND status = 'pending' AND consumed_at IS NULL AND expires_at > $5::timestamptz
       ORDER BY created_at DESC LIMIT 1`,
      [key.userId, key.provider, key.agentId ?? "", scopeKey(scopes), now.toISOString()],
    );
    return toSession(row);
  }

  async consumeAuthState(stateHash: string, now: Date): Promise<AuthSession | undefined> {
    const [row] = await this.#db.query<SessionRow>(
      `UPDATE ${SCHEMA}.auth_sessions SET consumed_at = $2::timestamptz
       WHERE state_hash = $1 AND consumed_at IS NULL RETURNING ${SESSION_COLUMNS}`,
      [stateHash, now.toISOString()],
    );
    return toSession(row);
  }

  async releaseAuthState(stateHash: string, now: Date): Promise<void> {
    await this.#db.query(
      `UPDATE ${SCHEMA}.auth_sessions SET consumed_at = NULL
       WHERE state_hash = $1 AND status = 'pending' AND expires_at > $2::timestamptz`,
      [stateHash, now.toISOString()],
    );
  }

  async finishAuth(authId: string, status: FinalAuthStatus): Promise<void> {
    await this.#db.query(`UPDATE ${SCHEMA}.auth_sessions SET status = $2 WHERE auth_id = $1`, [authId, status]);
  }

  withLock<T>(name: string, fn: () => Promise<T>): Promise<T> {
    return this.#db.lock(name, fn);
  }

  /** Deletes sessions that expired before `before`; returns how many. */
  async sweepSessions(before: Date): Promise<number> {
    const rows = await this.#db.query(`DELETE FROM ${SCHEMA}.auth_sessions WHERE expires_at < $1::timestamptz RETURNING auth_id`, [before.toISOString()]);
    return rows.length;
  }
}
