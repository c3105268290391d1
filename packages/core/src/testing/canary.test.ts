import { describe, expect, it } from "vitest";
import { findSecrets } from "./canary.ts";

describe("findSecrets", () => {
  const secrets = { token: "tok_5f3a9c2e11", code: "code_77ab" };

  it("finds secrets in nested strings, Map entries, bytes and errors", () => {
    expect(findSecrets({ a: [{ b: "x tok_5f3a9c2e11 y" }] }, secrets)).toEqual([{ label: "token", where: "raw" }]);
    expect(findSecrets(new Map([["k", new TextEncoder().encode("code_77ab")]]), secrets)).toEqual([{ label: "code", where: "raw" }]);
    expect(findSecrets([new Error("boom", { cause: "tok_5f3a9c2e11" })], secrets)).toEqual([{ label: "token", where: "raw" }]);
  });

  it("finds secrets only visible after base64 decoding, also inside the JSON they hold", () => {
    const inner = Buffer.from(JSON.stringify({ v: "tok_5f3a9c2e11" })).toString("base64");
    const outer = Buffer.from(JSON.stringify({ blob: inner })).toString("base64");
    expect(findSecrets({ checkpoint: outer }, secrets)).toEqual([{ label: "token", where: "decoded" }]);
  });

  it("reports nothing when nothing is there", () => {
    expect(findSecrets({ a: "clean", b: new Uint8Array([1, 2, 3]), c: Buffer.from("clean").toString("base64") }, secrets)).toEqual([]);
  });

  it("survives cycles", () => {
    const a: Record<string, unknown> = { s: "code_77ab" };
    a.self = a;
    expect(findSecrets(a, secrets)).toEqual([{ label: "code", where: "raw" }]);
  });
});
