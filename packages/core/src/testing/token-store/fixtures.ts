import type { AuthSession, StoredToken, TokenKey } from "../../store/types.ts";

export const key = (userId: string, provider = "github", agentId?: string): TokenKey => ({ userId, provider, agentId });

export const token = (k: TokenKey, ciphertext = "jwe-1", scopes = ["repo"]): StoredToken => ({
  key: k,
  ciphertext,
  scopes,
  expiresAt: "2030-01-01T00:00:00.000Z",
  updatedAt: "2026-01-01T00:00:00.000Z",
});

let n = 0;
/** A pending session of alice at github, unique ids, created just now, 10 minutes to live; `over` replaces any field. */
export const session = (over: Partial<AuthSession> = {}): AuthSession => {
  n += 1;
  return {
    authId: `auth_${n}_${Math.random().toString(36).slice(2)}`,
    stateHash: `hash_${n}_${Math.random().toString(36).slice(2)}`,
    userId: "alice",
    provider: "github",
    agentId: undefined,
    threadId: "t1",
    scopes: ["repo"],
    reason: "connection_required",
    url: "https://example.test/authorize?x=1",
    redirectUri: "https://app.test/oauth/callback/github",
    sealedSecrets: "sealed",
    status: "pending",
    createdAt: new Date(Date.now() - 1000 + n).toISOString(),
    expiresAt: new Date(Date.now() + 600_000).toISOString(),
    metadata: { toolCallId: "call_1" },
    ...over,
  };
};
