import { expect, inject, it } from "vitest";
import { runAuthEventsConformance, runTokenStoreConformance } from "@langgraph-oauth/core/testing";
import { conformanceInitializers, postgresHarness } from "../testing/harness.ts";

// Without a server (a local run without PostgreSQL), global-setup said so; the PGlite suite still runs.
const url = inject("postgresUrl");
if (url) {
  const { tokenStore, authEvents } = conformanceInitializers(postgresHarness(url));
  runTokenStoreConformance(tokenStore);
  runAuthEventsConformance(authEvents);
} else {
  it("runs without PostgreSQL only outside CI", () => expect(process.env.CI).not.toBe("true"));
}
