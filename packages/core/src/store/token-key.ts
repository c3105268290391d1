import type { TokenKey } from "./types.ts";

/**
 * One string per (user, provider, agent). NUL cannot appear in any part we
 * accept, so two different keys never collide. Also the encryption binding.
 */
export function tokenKeyString(key: TokenKey): string {
  return `${key.userId}\u0000${key.provider}\u0000${key.agentId ?? ""}`;
}

export function sameScopes(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  const set = new Set(a);
  return b.every((s) => set.has(s));
}
