/**
 * The `kid` of a JWE compact serialization (RFC 7516 §7.1: the first part is
 * the base64url protected header), or undefined when there is none. Stored
 * beside each row, so rewrap finds rows under older keys through an index.
 */
export function jweKid(jwe: string): string | undefined {
  const dot = jwe.indexOf(".");
  if (dot <= 0) return undefined;
  try {
    const header: unknown = JSON.parse(Buffer.from(jwe.slice(0, dot), "base64url").toString("utf8"));
    const kid = typeof header === "object" && header !== null ? (header as { kid?: unknown }).kid : undefined;
    return typeof kid === "string" ? kid : undefined;
  } catch {
    return undefined;
  }
}
