import type { TokenKey } from "./types.ts";
import { tokenKeyString } from "./token-key.ts";

/**
 * What each sealed value is bound to (the key ring's `bnd` header): a token
 * to its (user, provider, agent), a session's PKCE secrets to its authId. A
 * ciphertext copied to another row fails to open. Whoever re-encrypts rows
 * (a store's rewrap) must seal to the same binding the broker opens with.
 */
export const sealBinding = {
  token: (key: TokenKey): string => `token\u0000${tokenKeyString(key)}`,
  auth: (authId: string): string => `auth\u0000${authId}`,
};
