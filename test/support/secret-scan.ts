/**
 * Looks for secrets in what `langgraphjs dev` keeps on disk. Its
 * checkpointer file stores checkpoints and pending writes as base64 inside
 * superjson (DESIGN.md §7), so a plain text search there would check
 * nothing: every string that decodes as base64 is decoded and searched too,
 * and decoded JSON is walked again.
 */
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";

export interface Finding {
  file: string;
  /** "raw": in the file's text; "decoded": only after base64 decoding. */
  where: "raw" | "decoded";
  secret: string;
}

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

function decodedTexts(value: unknown, out: string[], depth = 0): void {
  if (depth > 4) return;
  if (typeof value === "string") {
    if (value.length >= 8 && value.length % 4 === 0 && BASE64.test(value)) {
      const text = Buffer.from(value, "base64").toString("utf8");
      out.push(text);
      try {
        decodedTexts(JSON.parse(text), out, depth + 1);
      } catch {
        // not JSON: the text itself was searched
      }
    }
    return;
  }
  if (Array.isArray(value)) for (const item of value) decodedTexts(item, out, depth);
  else if (value && typeof value === "object") for (const [key, item] of Object.entries(value)) (decodedTexts(key, out, depth), decodedTexts(item, out, depth));
}

export async function scanForSecrets(dir: string, secrets: readonly string[]): Promise<Finding[]> {
  const findings: Finding[] = [];
  for (const name of await readdir(dir)) {
    const file = path.join(dir, name);
    const raw = await readFile(file, "utf8");
    const decoded: string[] = [];
    try {
      decodedTexts(JSON.parse(raw), decoded);
    } catch {
      // not JSON: raw search only
    }
    const joined = decoded.join("\n");
    for (const secret of secrets) {
      if (raw.includes(secret)) findings.push({ file: name, where: "raw", secret });
      else if (joined.includes(secret)) findings.push({ file: name, where: "decoded", secret });
    }
  }
  return findings;
}
