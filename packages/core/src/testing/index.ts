export { runTokenStoreConformance, type TokenStoreInitializer } from "./token-store-conformance.ts";
export { runAuthEventsConformance, type AuthEventsInitializer } from "./auth-events-conformance.ts";
export { findSecrets, type SecretFinding } from "./canary.ts";
