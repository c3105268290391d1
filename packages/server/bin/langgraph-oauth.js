#!/usr/bin/env node
// Resolves through the package's own exports: with `--conditions=source`
// (and a TypeScript loader such as tsx) that is src/cli.ts, otherwise dist/cli.js.
import { main } from "@langgraph-oauth/server/cli";

const code = await main(process.argv.slice(2));
// The server is closed by now; exit explicitly so a stray timer in a dependency cannot keep the process up.
process.exit(code);
