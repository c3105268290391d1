import type { IncomingMessage } from "node:http";

/** Forms and token requests are tiny; anything bigger is not a browser or an OAuth client. */
const LIMIT_BYTES = 16 * 1024;

/** Reads an application/x-www-form-urlencoded body (what HTML forms and OAuth clients send). */
export async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size > LIMIT_BYTES) throw new Error("request body too large");
    chunks.push(buffer);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString("utf8"));
}
