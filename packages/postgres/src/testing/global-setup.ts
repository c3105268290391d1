import type { TestProject } from "vitest/node";
import { findPostgresBin, startPostgresServer } from "./postgres-server.ts";

declare module "vitest" {
  export interface ProvidedContext {
    /** A PostgreSQL server for tests, as a superuser URL; "" when there is none (local run without binaries). */
    postgresUrl: string;
  }
}

/**
 * One PostgreSQL server for the whole run: the one `.ci/run` started
 * (LANGGRAPH_OAUTH_TEST_DATABASE_URL), else one started here from Debian's
 * binaries. Under CI its absence fails the run; locally it is one line, and
 * the PGlite half still runs.
 */
export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  const given = process.env.LANGGRAPH_OAUTH_TEST_DATABASE_URL;
  if (given) {
    project.provide("postgresUrl", given);
    return undefined;
  }
  if (findPostgresBin()) {
    const server = await startPostgresServer();
    project.provide("postgresUrl", server.url);
    return () => server.stop();
  }
  if (process.env.CI === "true") {
    throw new Error("CI needs PostgreSQL for the store tests: install Debian's postgresql package or set LANGGRAPH_OAUTH_TEST_DATABASE_URL.");
  }
  console.log("PostgreSQL not found (/usr/lib/postgresql/*/bin): running the PGlite store tests only.");
  project.provide("postgresUrl", "");
  return undefined;
}
