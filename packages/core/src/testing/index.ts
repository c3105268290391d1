export { runTokenStoreConformance } from "./token-store-conformance.ts";
