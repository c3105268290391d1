/**
 * Canary scans: is any secret anywhere in what a run kept (checkpoints,
 * interrupts, messages, errors, logs, files, HTTP answers)? A plain text
 * search checks nothing once a store or a transport has encoded the value,
 * so every string is also decoded the ways a secret travels, and what comes
 * out is searched and decoded again (a few layers deep):
 * - percent-encoding (RFC 3986 §2.1), so URLs, form bodies and `data:` URLs;
 * - JSON `\uXXXX` and `\/` escapes (RFC 8259 §7);
 * - hex (Base16) and base64/base64url (RFC 4648) runs inside a longer text,
 *   at every alignment, so a secret at any byte offset of the encoded bytes
 *   (a Basic header's `id:secret`) is found.
 * Objects are walked with their non-enumerable and symbol-keyed properties
 * (an Error's `stack` and `cause`), as are Map, Set, Headers,
 * URLSearchParams, ArrayBuffer and typed arrays (as UTF-8, how checkpointers
 * serialize).
 */
export interface SecretFinding {
  label: string;
  /** "raw": in plain text; "decoded": only after decoding. */
  where: "raw" | "decoded";
}

const MAX_DEPTH = 4;
const PERCENT_RUN = /(?:%[0-9A-Fa-f]{2})+/g;
const JSON_ESCAPE = /\\u([0-9A-Fa-f]{4})|\\\//g;
const HEX_RUN = /[0-9A-Fa-f]{12,}/g;
const BASE64_RUN = /[A-Za-z0-9+/_-]{8,}/g;
// Decoded bytes at a wrong alignment are noise: only text is decoded again.
const NOT_TEXT = /[\uFFFD\u0000-\u0008\u000E-\u001F]/;

interface Texts {
  raw: string[];
  decoded: string[];
  seen: Set<unknown>;
}

function percentDecode(text: string): string {
  return text.replace(PERCENT_RUN, (run) => {
    try {
      return decodeURIComponent(run);
    } catch {
      return run;
    }
  });
}

/** Each run decoded from every start offset within one unit (2 hex digits, 4 base64 characters). */
function runs(text: string, pattern: RegExp, unit: number, encoding: BufferEncoding): string[] {
  const out: string[] = [];
  for (const [run] of text.matchAll(pattern)) {
    for (let offset = 0; offset < unit; offset++) out.push(Buffer.from(run.slice(offset), encoding).toString("utf8"));
  }
  return out;
}

function decodings(text: string): string[] {
  const out = [percentDecode(text), text.replace(JSON_ESCAPE, (_, hex: string | undefined) => (hex ? String.fromCharCode(parseInt(hex, 16)) : "/"))];
  out.push(...runs(text, HEX_RUN, 2, "hex"), ...runs(text, BASE64_RUN, 4, "base64"));
  return out.filter((decoded) => decoded !== text && decoded.length > 0);
}

function visitText(text: string, into: Texts, decoded: boolean, depth: number): void {
  (decoded ? into.decoded : into.raw).push(text);
  if (depth >= MAX_DEPTH) return;
  for (const inner of decodings(text)) {
    if (NOT_TEXT.test(inner)) into.decoded.push(inner);
    else visitText(inner, into, true, depth + 1);
  }
}

function visit(value: unknown, into: Texts, decoded: boolean, depth: number): void {
  if (typeof value === "string") return visitText(value, into, decoded, depth);
  if (typeof value !== "object" || value === null || into.seen.has(value)) return;
  into.seen.add(value);
  if (value instanceof ArrayBuffer) return visitText(Buffer.from(value).toString("utf8"), into, decoded, depth);
  if (ArrayBuffer.isView(value)) {
    return visitText(Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString("utf8"), into, decoded, depth);
  }
  if (value instanceof Map || value instanceof Set || value instanceof Headers || value instanceof URLSearchParams) {
    for (const item of value as Iterable<unknown>) visit(item, into, decoded, depth);
  }
  for (const key of Reflect.ownKeys(value)) {
    if (typeof key === "string") into.raw.push(key);
    const property = Object.getOwnPropertyDescriptor(value, key);
    // Getters are not called: reading must not run the code under test.
    if (property && "value" in property) visit(property.value, into, decoded, depth);
  }
}

/** The secrets (by label) found in `haystack`, and whether only after decoding. */
export function findSecrets(haystack: unknown, secrets: Readonly<Record<string, string>>): SecretFinding[] {
  const texts: Texts = { raw: [], decoded: [], seen: new Set() };
  visit(haystack, texts, false, 0);
  const plain = texts.raw.join("\n");
  const unpacked = texts.decoded.join("\n");
  const findings: SecretFinding[] = [];
  for (const [label, secret] of Object.entries(secrets)) {
    if (plain.includes(secret)) findings.push({ label, where: "raw" });
    else if (unpacked.includes(secret)) findings.push({ label, where: "decoded" });
  }
  return findings;
}
