import { runTokenStoreConformance } from "../testing/token-store-conformance.ts";
import { MemoryTokenStore } from "./memory-store.ts";

runTokenStoreConformance("MemoryTokenStore", async () => new MemoryTokenStore());
