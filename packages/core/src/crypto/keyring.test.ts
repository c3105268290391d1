import { describe, expect, it } from "vitest";
import { createKeyRing, generateEncryptionKey } from "./keyring.ts";
import { DecryptionError, ConfigurationError } from "../errors/errors.ts";

describe("key ring (JWE dir/A256GCM)", () => {
  const secret = { accessToken: "canary-access-token-123", refreshToken: "canary-refresh" };

  it("seals to a compact JWE that hides the plaintext and opens it again", async () => {
    const ring = createKeyRing(generateEncryptionKey("k1"));
    const jwe = await ring.seal(secret, "row-a");
    expect(jwe.split(".")).toHaveLength(5);
    expect(jwe).not.toContain("canary");
    expect(Buffer.from(jwe.split(".")[0]!, "base64url").toString()).toMatch(/"alg":"dir".*"enc":"A256GCM".*"kid":"k1"/);
    await expect(ring.open(jwe, "row-a")).resolves.toEqual(secret);
  });

  it("refuses a ciphertext moved to another row", async () => {
    const ring = createKeyRing(generateEncryptionKey("k1"));
    const jwe = await ring.seal(secret, "alice/github");
    await expect(ring.open(jwe, "bob/github")).rejects.toBeInstanceOf(DecryptionError);
  });

  it("refuses a tampered ciphertext", async () => {
    const ring = createKeyRing(generateEncryptionKey("k1"));
    const parts = (await ring.seal(secret, "r")).split(".");
    const body = Buffer.from(parts[3]!, "base64url");
    body[0] = body[0]! ^ 1;
    parts[3] = body.toString("base64url");
    await expect(ring.open(parts.join("."), "r")).rejects.toMatchObject({ code: "decryption_failed" });
  });

  it("rotates keys without downtime: new key encrypts, old key still decrypts", async () => {
    const oldKey = generateEncryptionKey("2025");
    const newKey = generateEncryptionKey("2026");
    const before = await createKeyRing(oldKey).seal(secret, "r");
    const rotated = createKeyRing([newKey, oldKey]);
    await expect(rotated.open(before, "r")).resolves.toEqual(secret);
    const after = await rotated.seal(secret, "r");
    expect(JSON.parse(Buffer.from(after.split(".")[0]!, "base64url").toString()).kid).toBe("2026");
    await expect(createKeyRing(newKey).open(before, "r")).rejects.toThrow(/key "2025".*not in encryptionKey/);
  });

  it("rejects keys of the wrong size, duplicates and empty input with a ConfigurationError", () => {
    expect(() => createKeyRing("k:" + Buffer.alloc(16).toString("base64url"))).toThrow(ConfigurationError);
    const k = generateEncryptionKey("same");
    expect(() => createKeyRing([k, k])).toThrow(/same kid/);
    expect(() => createKeyRing("")).toThrow(/empty/);
  });

  it("accepts a comma-separated list, as an environment variable would hold it", async () => {
    const a = generateEncryptionKey("a");
    const b = generateEncryptionKey("b");
    const jwe = await createKeyRing(b).seal(secret, "r");
    await expect(createKeyRing(`${a}, ${b}`).open(jwe, "r")).resolves.toEqual(secret);
  });
});
