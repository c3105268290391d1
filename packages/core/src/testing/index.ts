export { runTokenStoreConformance, type TokenStoreInitializer } from "./token-store-conformance.ts";
export { runAuthEventsConformance, type AuthEventsInitializer } from "./auth-events-conformance.ts";
export { session as pendingSessionFixture } from "./token-store/fixtures.ts";
export type { Initializer } from "./initializer.ts";
export { findSecrets, type SecretFinding } from "./canary.ts";
export { startHostileServer, type CannedResponse, type HostileServer } from "./hostile-server.ts";
