import { InvalidInputError } from "../errors/errors.ts";
import type { AuthRequest } from "./types.ts";

const MAX_ID = 512;
const MAX_SCOPES = 100;

function identifier(value: unknown, field: string, optional: boolean): string | undefined {
  if (value === undefined && optional) return undefined;
  if (typeof value !== "string" || value.length === 0 || value.length > MAX_ID || value.includes("\u0000")) {
    throw new InvalidInputError(`${field} must be a non-empty string of at most ${MAX_ID} characters without NUL.`);
  }
  return value;
}

/** Scope tokens per RFC 6749 §3.3: no spaces, no control characters. */
function scopeList(value: unknown): string[] {
  if (!Array.isArray(value) || value.length > MAX_SCOPES) {
    throw new InvalidInputError(`scopes must be an array of at most ${MAX_SCOPES} strings (it may be empty).`);
  }
  for (const scope of value) {
    if (typeof scope !== "string" || !/^[\x21\x23-\x5B\x5D-\x7E]{1,256}$/.test(scope)) {
      throw new InvalidInputError(`Invalid scope ${JSON.stringify(scope)}: scopes are single words without spaces or quotes (RFC 6749 §3.3).`);
    }
  }
  return value as string[];
}

export interface ValidRequest {
  userId: string;
  provider: string;
  agentId: string | undefined;
  threadId: string | undefined;
  scopes: string[];
}

export function validateAuthRequest(req: AuthRequest): ValidRequest {
  if (typeof req !== "object" || req === null) throw new InvalidInputError("authenticate() takes an object { userId, provider, scopes }.");
  return {
    userId: identifier(req.userId, "userId", false)!,
    provider: identifier(req.provider, "provider", false)!,
    agentId: identifier(req.agentId, "agentId", true),
    threadId: identifier(req.threadId, "threadId", true),
    scopes: scopeList(req.scopes),
  };
}

export function validateAuthId(authId: unknown): string {
  return identifier(authId, "authId", false)!;
}
