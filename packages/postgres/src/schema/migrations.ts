import { ConfigurationError } from "@langgraph-oauth/core";
import { ADVISORY_NAMESPACE, type SqlDatabase } from "../sql/database.ts";

export interface Migration {
  version: number;
  name: string;
  /** One statement each: PGlite's extended protocol takes one at a time. */
  statements: readonly string[];
}

/** Everything lives in this schema, out of the way of the application's own tables. */
export const SCHEMA = "langgraph_oauth";

/**
 * Versioned and append-only: a released migration is never edited, a change
 * is a new version. Migration 1 already carries what connections management
 * needs (several accounts per provider, an audit log, an events outbox), so
 * that feature adds code, not columns.
 */
export const migrations: readonly Migration[] = [
  {
    version: 1,
    name: "connections, auth sessions, audit log, events",
    statements: [
      // One row per connection. The default one of a (user, provider, agent)
      // is what getToken reads; others are further accounts at the provider.
      // agent_id '' is the user's own token, so the unique index covers it.
      `CREATE TABLE ${SCHEMA}.connections (
        id text PRIMARY KEY DEFAULT ('conn_' || replace(gen_random_uuid()::text, '-', '')),
        user_id text NOT NULL,
        provider text NOT NULL,
        agent_id text NOT NULL DEFAULT '',
        is_default boolean NOT NULL DEFAULT true,
        provider_subject text,
        label text,
        ciphertext text NOT NULL,
        kid text,
        scopes text[] NOT NULL,
        expires_at timestamptz,
        health text NOT NULL DEFAULT 'healthy' CHECK (health IN ('healthy', 'needs_reauthorization')),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL,
        last_used_at timestamptz
      )`,
      `CREATE UNIQUE INDEX connections_default_key ON ${SCHEMA}.connections (user_id, provider, agent_id) WHERE is_default`,
      `CREATE UNIQUE INDEX connections_subject_key ON ${SCHEMA}.connections (user_id, provider, agent_id, provider_subject) WHERE provider_subject IS NOT NULL`,
      `CREATE INDEX connections_kid ON ${SCHEMA}.connections (kid, id)`,
      // What lookups need has a column; the rest of the session is kept whole in \`session\`.
      `CREATE TABLE ${SCHEMA}.auth_sessions (
        auth_id text PRIMARY KEY,
        state_hash text NOT NULL,
        user_id text NOT NULL,
        provider text NOT NULL,
        agent_id text NOT NULL DEFAULT '',
        scope_key text NOT NULL,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'completed', 'denied', 'failed')),
        consumed_at timestamptz,
        created_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        connection_id text,
        session jsonb NOT NULL
      )`,
      `CREATE UNIQUE INDEX auth_sessions_state ON ${SCHEMA}.auth_sessions (state_hash)`,
      `CREATE INDEX auth_sessions_pending ON ${SCHEMA}.auth_sessions (user_id, provider, agent_id, scope_key, created_at DESC) WHERE status = 'pending'`,
      `CREATE INDEX auth_sessions_expiry ON ${SCHEMA}.auth_sessions (expires_at)`,
      // Append-only record of token use: ids and names, never token bytes or tool input.
      `CREATE TABLE ${SCHEMA}.audit_log (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT now(),
        user_id text NOT NULL,
        agent_id text NOT NULL DEFAULT '',
        provider text NOT NULL,
        connection_id text,
        scopes text[] NOT NULL DEFAULT '{}',
        tool_name text,
        thread_id text,
        run_id text,
        outcome text NOT NULL
      )`,
      `CREATE INDEX audit_log_user_at ON ${SCHEMA}.audit_log (user_id, at)`,
      `CREATE INDEX audit_log_provider_at ON ${SCHEMA}.audit_log (provider, at)`,
      `CREATE INDEX audit_log_at ON ${SCHEMA}.audit_log (at)`,
      `CREATE FUNCTION ${SCHEMA}.refuse_update() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION '% is append-only', TG_TABLE_NAME; END $$`,
      `CREATE TRIGGER audit_log_append_only BEFORE UPDATE ON ${SCHEMA}.audit_log FOR EACH ROW EXECUTE FUNCTION ${SCHEMA}.refuse_update()`,
      // Outbox of lifecycle events, so every process sees them and webhooks survive a restart.
      `CREATE TABLE ${SCHEMA}.events (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        name text NOT NULL,
        idempotency_key text NOT NULL DEFAULT ('evt_' || replace(gen_random_uuid()::text, '-', '')),
        occurred_at timestamptz NOT NULL DEFAULT now(),
        payload jsonb NOT NULL,
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        delivered_at timestamptz
      )`,
      `CREATE UNIQUE INDEX events_idempotency_key ON ${SCHEMA}.events (idempotency_key)`,
      `CREATE INDEX events_undelivered ON ${SCHEMA}.events (next_attempt_at) WHERE delivered_at IS NULL`,
    ],
  },
];

/**
 * Brings the schema to the newest version, in one transaction under an
 * advisory lock: processes starting together apply each migration once, and
 * a failed migration leaves nothing half done.
 */
export async function migrate(db: SqlDatabase, list: readonly Migration[] = migrations): Promise<number> {
  return db.transaction(async (tx) => {
    await tx.query("SELECT pg_advisory_xact_lock(hashtext($1), hashtext('migrate'))", [ADVISORY_NAMESPACE]);
    await tx.query(`CREATE SCHEMA IF NOT EXISTS ${SCHEMA}`);
    await tx.query(
      `CREATE TABLE IF NOT EXISTS ${SCHEMA}.migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`,
    );
    const applied = new Set((await tx.query<{ version: number }>(`SELECT version FROM ${SCHEMA}.migrations`)).map((r) => r.version));
    const newest = Math.max(0, ...applied);
    const known = Math.max(0, ...list.map((m) => m.version));
    if (newest > known) {
      throw new ConfigurationError(
        `The database schema is at version ${newest}, newer than this @langgraph-oauth/postgres knows (${known}); upgrade the package.`,
      );
    }
    for (const migration of list) {
      if (applied.has(migration.version)) continue;
      for (const statement of migration.statements) await tx.query(statement);
      await tx.query(`INSERT INTO ${SCHEMA}.migrations (version, name) VALUES ($1, $2)`, [migration.version, migration.name]);
    }
    return known;
  });
}
