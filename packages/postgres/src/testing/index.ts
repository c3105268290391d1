export { findPostgresBin, startPostgresServer, type PostgresServer } from "./postgres-server.ts";
export { conformanceInitializers, pgliteHarness, postgresHarness, type DurableHarness } from "./harness.ts";
