import { CompactEncrypt, compactDecrypt, decodeProtectedHeader } from "jose";
import { randomBytes } from "node:crypto";
import { ConfigurationError, DecryptionError } from "../errors/errors.ts";
import { sha256 } from "./random.ts";

/**
 * Encryption at rest: JWE compact, alg "dir", enc "A256GCM" (RFC 7516/7518).
 * A key ring encrypts with its first (newest) key and decrypts with any, found
 * by `kid`, so keys rotate without downtime. The row identity is bound into
 * the integrity-protected header (`bnd`), so a ciphertext copied to another
 * row fails to open.
 */
export interface KeyRing {
  seal(value: unknown, binding: string): Promise<string>;
  open<T>(jwe: string, binding: string): Promise<T>;
  readonly currentKid: string;
}

interface RingKey {
  kid: string;
  secret: Uint8Array;
}

/** A new key in the string form createKeyRing takes: `kid:base64url(32 bytes)`. */
export function generateEncryptionKey(kid = `k${Date.now().toString(36)}`): string {
  return `${kid}:${randomBytes(32).toString("base64url")}`;
}

function parseKey(text: string): RingKey {
  const at = text.lastIndexOf(":");
  const kid = at > 0 ? text.slice(0, at) : "default";
  const secret = Buffer.from(at > 0 ? text.slice(at + 1) : text, "base64url");
  if (secret.length !== 32) {
    throw new ConfigurationError(
      'encryptionKey must be 32 bytes in base64url, optionally prefixed "kid:"; create one with generateEncryptionKey().',
    );
  }
  return { kid, secret: new Uint8Array(secret) };
}

/** Accepts one key or a list, newest first; a comma-separated string is a list. */
export function createKeyRing(keys: string | readonly string[]): KeyRing {
  const list = (typeof keys === "string" ? keys.split(",") : keys).map((k) => k.trim()).filter(Boolean).map(parseKey);
  const current = list[0];
  if (!current) throw new ConfigurationError("encryptionKey is empty; create one with generateEncryptionKey().");
  const byKid = new Map(list.map((k) => [k.kid, k.secret]));
  if (byKid.size !== list.length) throw new ConfigurationError("encryptionKey has two keys with the same kid.");
  const encoder = new TextEncoder();
  const decoder = new TextDecoder();

  return {
    currentKid: current.kid,
    async seal(value, binding) {
      return new CompactEncrypt(encoder.encode(JSON.stringify(value)))
        .setProtectedHeader({ alg: "dir", enc: "A256GCM", kid: current.kid, bnd: sha256(binding) })
        .encrypt(current.secret);
    },
    async open<T>(jwe: string, binding: string): Promise<T> {
      let kid: unknown;
      try {
        kid = decodeProtectedHeader(jwe).kid;
      } catch {
        throw new DecryptionError("Stored token is not a valid JWE; it may be corrupted.");
      }
      const secret = typeof kid === "string" ? byKid.get(kid) : undefined;
      if (!secret) {
        throw new DecryptionError(
          `Stored token was encrypted with key "${String(kid)}", which is not in encryptionKey; add that key back (older keys go after the newest).`,
        );
      }
      try {
        const { plaintext, protectedHeader } = await compactDecrypt(jwe, secret, {
          keyManagementAlgorithms: ["dir"],
          contentEncryptionAlgorithms: ["A256GCM"],
        });
        if (protectedHeader.bnd !== sha256(binding)) throw new Error("binding");
        return JSON.parse(decoder.decode(plaintext)) as T;
      } catch {
        throw new DecryptionError("Stored token failed to decrypt: it was altered or belongs to another user, provider or agent.");
      }
    },
  };
}
