import { createHash, randomBytes } from "node:crypto";

/** 256 bits of randomness, base64url: used for state values. */
export function randomToken(): string {
  return randomBytes(32).toString("base64url");
}

/** Public handles (authIds); not secrets, but unguessable so they cannot be enumerated. */
export function randomId(prefix: string): string {
  return `${prefix}_${randomBytes(16).toString("base64url")}`;
}

/** States are stored only as this hash, so a leaked database cannot complete a consent. */
export function sha256(value: string): string {
  return createHash("sha256").update(value).digest("base64url");
}
