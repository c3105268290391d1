export {
  createPGliteStore,
  createPostgresStore,
  type DurableStore,
  type DurableStoreOptions,
  type PGliteStoreOptions,
  type PostgresStoreOptions,
} from "./create-store.ts";
export { SqlTokenStore } from "./store/sql-token-store.ts";
export { SqlAuthEvents, AUTH_CHANNEL, type SqlAuthEventsOptions } from "./events/sql-auth-events.ts";
export { rewrap, type RewrapOptions, type RewrapReport } from "./rewrap/rewrap.ts";
export { migrate, migrations, SCHEMA, type Migration } from "./schema/migrations.ts";
export type { SqlDatabase, SqlQuery } from "./sql/database.ts";
export { openStore, DEFAULT_DIR, KEY_FILE, type OpenStoreOptions, type OpenedStore, type StoreKind } from "./defaults/open-store.ts";
