import { describe, expect, it } from "vitest";
import { findSecrets } from "./canary.ts";

describe("findSecrets", () => {
  const secrets = { token: "tok_5f3a9c2e11", code: "code_77ab" };
  const labels = (haystack: unknown) => findSecrets(haystack, secrets).map((f) => f.label);

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

  describe("sees through every encoding a secret may leave in", () => {
    const secret = { s: "s3cr/et+tok=én_77" };
    const at = (haystack: unknown) => findSecrets(haystack, secret);

    it("percent-encoding, in a URL and doubled", () => {
      expect(at(`https://app/cb?t=${encodeURIComponent(secret.s)}`)).toEqual([{ label: "s", where: "decoded" }]);
      expect(at(encodeURIComponent(encodeURIComponent(secret.s)))).toEqual([{ label: "s", where: "decoded" }]);
    });

    it("URLSearchParams, Headers and Set", () => {
      expect(at(new URLSearchParams({ code: secret.s }))).toEqual([{ label: "s", where: "raw" }]);
      expect(at(new Headers({ "x-token": secret.s }))).toEqual([{ label: "s", where: "raw" }]);
      expect(at(new Set([1, { deep: [secret.s] }]))).toEqual([{ label: "s", where: "raw" }]);
    });

    it("an object inside Error.cause, and non-enumerable properties", () => {
      expect(at(new Error("outer", { cause: { response: { body: secret.s } } }))).toEqual([{ label: "s", where: "raw" }]);
      const hidden = {};
      Object.defineProperty(hidden, "token", { value: secret.s, enumerable: false });
      expect(at(hidden)).toEqual([{ label: "s", where: "raw" }]);
      expect(at(new AggregateError([new Error(secret.s)], "many"))).toEqual([{ label: "s", where: "raw" }]);
    });

    it("ArrayBuffer and other typed views", () => {
      const bytes = new TextEncoder().encode(`{"t":"${secret.s}"}`);
      expect(at(bytes.buffer)).toEqual([{ label: "s", where: "raw" }]);
      expect(at(new DataView(bytes.buffer))).toEqual([{ label: "s", where: "raw" }]);
    });

    it("hex, either case, at any offset", () => {
      const hex = Buffer.from(`x${secret.s}`).toString("hex");
      expect(at(`digest=${hex}`)).toEqual([{ label: "s", where: "decoded" }]);
      expect(at(`digest=a${hex.toUpperCase()}`)).toEqual([{ label: "s", where: "decoded" }]);
    });

    it("\\u-escaped JSON (e.g. \\u002f for a slash)", () => {
      const escaped = JSON.stringify({ t: secret.s }).replace(/[/_=+]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, "0")}`);
      expect(escaped).not.toContain(secret.s);
      expect(at(escaped)).toEqual([{ label: "s", where: "decoded" }]);
      expect(at(JSON.stringify(secret.s).replace("/", "\\/"))).toEqual([{ label: "s", where: "decoded" }]);
    });

    it("base64 at any byte offset, as in a Basic header", () => {
      for (const prefix of ["", "c", "cl", "client:"]) {
        const basic = `Basic ${Buffer.from(`${prefix}${secret.s}`).toString("base64")}`;
        expect(at({ authorization: basic }), prefix).toEqual([{ label: "s", where: "decoded" }]);
      }
      expect(at(`x${Buffer.from(secret.s).toString("base64url")}`)).toEqual([{ label: "s", where: "decoded" }]);
    });

    it("data: URLs, base64 or percent-encoded", () => {
      expect(at(`data:application/json;base64,${Buffer.from(`{"t":"${secret.s}"}`).toString("base64")}`)).toEqual([{ label: "s", where: "decoded" }]);
      expect(at(`data:text/plain,${encodeURIComponent(secret.s)}`)).toEqual([{ label: "s", where: "decoded" }]);
    });

    it("a secret wrapped in several layers (base64 of a percent-encoded URL in a Map in an Error)", () => {
      const layered = Buffer.from(`https://x/?t=${encodeURIComponent(secret.s)}`).toString("base64");
      expect(at(new Error("e", { cause: new Map([["k", layered]]) }))).toEqual([{ label: "s", where: "decoded" }]);
    });

    it("still reports nothing for near misses", () => {
      expect(labels({ a: "tok_5f3a9c2e1", b: Buffer.from("code_77a").toString("hex"), c: encodeURIComponent("tok 5f3a9c2e11") })).toEqual([]);
    });
  });
});
