/**
 * Canary scans: is any secret anywhere in what a run kept (checkpoints,
 * interrupts, messages, errors, logs, files)? Strings, bytes (as UTF-8, how
 * checkpointers serialize), Maps, Errors and objects are walked; strings
 * that are base64 are decoded and walked again (with the JSON they hold),
 * since some stores encode: a plain text search there would check nothing.
 */
export interface SecretFinding {
  label: string;
  /** "raw": in plain text; "decoded": only after base64 decoding. */
  where: "raw" | "decoded";
}

const BASE64 = /^[A-Za-z0-9+/_-]+={0,2}$/;
const MAX_DEPTH = 4;

function walk(value: unknown, raw: string[], decoded: string[], seen: Set<unknown>, depth: number): void {
  if (value === null || value === undefined) return;
  if (typeof value === "string") {
    raw.push(value);
    if (depth < MAX_DEPTH && value.length >= 8 && BASE64.test(value)) {
      const text = Buffer.from(value, "base64").toString("utf8");
      decoded.push(text);
      try {
        walk(JSON.parse(text), decoded, decoded, seen, depth + 1);
      } catch {
        // not JSON: its text was searched
      }
    }
    return;
  }
  if (typeof value !== "object" || seen.has(value)) return;
  seen.add(value);
  if (value instanceof Uint8Array) {
    walk(Buffer.from(value).toString("utf8"), raw, decoded, seen, depth);
    return;
  }
  if (value instanceof Error) raw.push(value.message, value.stack ?? "", String(value.cause ?? ""));
  if (value instanceof Map) {
    for (const [k, v] of value) (walk(k, raw, decoded, seen, depth), walk(v, raw, decoded, seen, depth));
    return;
  }
  for (const [key, item] of Object.entries(value)) (raw.push(key), walk(item, raw, decoded, seen, depth));
}

/** The secrets (by label) found in `haystack`, and whether only after decoding. */
export function findSecrets(haystack: unknown, secrets: Readonly<Record<string, string>>): SecretFinding[] {
  const raw: string[] = [];
  const decoded: string[] = [];
  walk(haystack, raw, decoded, new Set(), 0);
  const plain = raw.join("\n");
  const unpacked = decoded.join("\n");
  const findings: SecretFinding[] = [];
  for (const [label, secret] of Object.entries(secrets)) {
    if (plain.includes(secret)) findings.push({ label, where: "raw" });
    else if (unpacked.includes(secret) || [Buffer.from(secret).toString("base64"), Buffer.from(secret).toString("base64url")].some((f) => plain.includes(f))) {
      findings.push({ label, where: "decoded" });
    }
  }
  return findings;
}
