import { benchCore } from "./core.bench.ts";
import { benchLangGraph } from "./langgraph.bench.ts";
import { benchServer } from "./server.bench.ts";
import { benchStore } from "./store.bench.ts";

// `pnpm bench`: every benchmark in one process, variants side by side.
console.log(`node ${process.version}, ${new Date().toISOString()}\n`);
await benchCore();
await benchLangGraph();
await benchServer();
await benchStore();
