/**
 * Looks for secret values anywhere in a structure: strings, bytes (as UTF-8
 * text, which is how checkpointers serialize), nested arrays, maps and
 * objects — and for their base64 forms too, since some stores encode.
 */
const decoder = new TextDecoder("utf-8", { fatal: false });

function texts(value: unknown, out: string[], seen: Set<unknown>): void {
  if (value === null || value === undefined) return;
  if (typeof value === "string") {
    out.push(value);
    return;
  }
  if (typeof value !== "object") return;
  if (seen.has(value)) return;
  seen.add(value);
  if (value instanceof Uint8Array) {
    out.push(decoder.decode(value));
    return;
  }
  if (value instanceof Error) {
    out.push(value.message, value.stack ?? "", JSON.stringify(value));
  }
  if (value instanceof Map) {
    for (const [k, v] of value) {
      texts(k, out, seen);
      texts(v, out, seen);
    }
    return;
  }
  for (const key of Object.keys(value)) {
    out.push(key);
    texts((value as Record<string, unknown>)[key], out, seen);
  }
}

/** The secrets (by label) found in `haystack`. */
export function findSecrets(haystack: unknown, secrets: Readonly<Record<string, string>>): string[] {
  const all: string[] = [];
  texts(haystack, all, new Set());
  const joined = all.join("\n");
  const found: string[] = [];
  for (const [label, secret] of Object.entries(secrets)) {
    const forms = [secret, Buffer.from(secret).toString("base64"), Buffer.from(secret).toString("base64url")];
    if (forms.some((form) => joined.includes(form))) found.push(label);
  }
  return found;
}
