import { defineConfig } from "vitest/config";

// One config runs every package. The "source" condition makes workspace
// packages resolve to their TypeScript sources, so tests need no build step.
export default defineConfig({
  resolve: { conditions: ["source"] },
  ssr: { resolve: { conditions: ["source"] } },
  test: {
    projects: [
      { extends: true, test: { name: "core", include: ["packages/core/src/**/*.test.ts"] } },
      { extends: true, test: { name: "dev-provider", include: ["packages/dev-provider/src/**/*.test.ts"] } },
      { extends: true, test: { name: "langgraph", include: ["packages/langgraph/src/**/*.test.ts"] } },
      { extends: true, test: { name: "server", include: ["packages/server/src/**/*.test.ts"] } },
      { extends: true, test: { name: "scripts", include: ["scripts/**/*.test.ts"] } },
      {
        extends: true,
        test: { name: "postgres", include: ["packages/postgres/src/**/*.test.ts"], globalSetup: ["packages/postgres/src/testing/global-setup.ts"] },
      },
      { extends: true, test: { name: "e2e", include: ["test/**/*.test.ts", "examples/*/src/**/*.test.ts"] } },
    ],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
