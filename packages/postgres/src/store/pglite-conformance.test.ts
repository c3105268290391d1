import { runAuthEventsConformance, runTokenStoreConformance } from "@langgraph-oauth/core/testing";
import { conformanceInitializers, pgliteHarness } from "../testing/harness.ts";

const { tokenStore, authEvents } = conformanceInitializers(pgliteHarness());
runTokenStoreConformance(tokenStore);
runAuthEventsConformance(authEvents);
