export { runTokenStoreConformance } from "./token-store-conformance.ts";
export { findSecrets, type SecretFinding } from "./canary.ts";
