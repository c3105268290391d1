export { runTokenStoreConformance } from "./token-store-conformance.ts";
export { findSecrets, type SecretFinding } from "./canary.ts";
export { startHostileServer, type CannedResponse, type HostileServer } from "./hostile-server.ts";
