import type { PGlite } from "@electric-sql/pglite";
import { createKeyedLock } from "@langgraph-oauth/core";
import type { SqlDatabase, SqlQuery } from "./database.ts";

type Queryable = Pick<PGlite, "query">;

const asQuery = (db: Queryable): SqlQuery => ({
  query: async <R extends object>(sql: string, params?: readonly unknown[]) => (await db.query<R>(sql, params as unknown[])).rows,
});

/** One lock table per PGlite instance, shared by every store opened on it. */
const locks = new WeakMap<PGlite, ReturnType<typeof createKeyedLock>>();

/**
 * PGlite behind SqlDatabase. One process owns a PGlite data directory, so a
 * lock in this process's memory is a lock over everything using the data.
 * (A PGlite transaction would not do: it holds the only connection, and fn's
 * own queries would wait behind it.)
 */
export function pgliteDatabase(db: PGlite, ownsDb: boolean): SqlDatabase {
  let lock = locks.get(db);
  if (!lock) locks.set(db, (lock = createKeyedLock()));
  return {
    engine: "pglite",
    ...asQuery(db),
    transaction: (fn) => db.transaction((tx) => fn(asQuery(tx))),
    lock,
    async listen(channel, onPayload) {
      const unlisten = await db.listen(channel, onPayload);
      return async () => {
        if (!db.closed) await unlisten();
      };
    },
    async close() {
      if (ownsDb && !db.closed) await db.close();
    },
  };
}
