import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { catalogNames } from "../packages/core/src/providers/catalog-samples.fixture.ts";
import { providersDocPath, renderProvidersDoc } from "./provider-table.ts";

describe("docs/providers.md", () => {
  it("is the table the catalog generates today (run `pnpm providers:table` when this fails)", () => {
    expect(readFileSync(providersDocPath, "utf8")).toBe(renderProvidersDoc());
  });

  it("has one row per catalog entry", () => {
    const rows = renderProvidersDoc()
      .split("\n")
      .filter((line) => line.startsWith("| ") && line.includes("`providers."));
    expect(rows).toHaveLength(catalogNames.length);
    expect(rows.find((line) => line.includes("`providers.github`"))).toContain("`tokenErrorsWithStatus200`");
    expect(rows.find((line) => line.includes("`providers.okta({ domain })`"))).toContain("`{domain}/oauth2/v1/token`");
  });
});
