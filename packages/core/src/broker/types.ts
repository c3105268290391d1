/**
 * The Broker contract. Every adapter implements it: the local
 * engine in this package, and later LangSmith Agent Auth, Auth0 Token Vault
 * and the remote client of our own server. Statuses match LangSmith Agent
 * Auth v2 on purpose.
 */

export type PendingReason = "connection_required" | "insufficient_scope" | "token_expired" | "revoked";

export interface AuthRequest {
  userId: string;
  provider: string;
  scopes: readonly string[];
  /** Scopes tokens to one agent; tokens without an agentId are the user's own. */
  agentId?: string | undefined;
  /** The LangGraph thread that asked; kept with the pending auth for auto-resume. */
  threadId?: string | undefined;
  /** Start a new consent even when a usable token is stored. */
  forceNew?: boolean | undefined;
  /** Opaque, non-secret data kept with a pending auth (e.g. the interrupted tool call). */
  metadata?: Record<string, string> | undefined;
}

/** The token set a tool may use. Never logged, never put in a checkpoint. */
export interface Credentials {
  accessToken: string;
  tokenType: string;
  /** ISO 8601, when the access token stops working, if the provider said. */
  expiresAt?: string | undefined;
  scopes: string[];
  idToken?: string | undefined;
}

export type AuthResult =
  | { status: "completed"; token: string; credentials: Credentials; expiresAt?: string | undefined; scopes: string[] }
  | { status: "pending"; authId: string; url: string; expiresAt: string; reason: PendingReason; scopes: string[] };

export type WaitStatus = "completed" | "pending" | "timeout" | "not_found" | "denied";

export interface WaitResult {
  status: WaitStatus;
}

export interface WaitOptions {
  timeoutMs?: number | undefined;
  signal?: AbortSignal | undefined;
}

export interface TokenRef {
  userId: string;
  provider: string;
  agentId?: string | undefined;
}

export interface Broker {
  authenticate(req: AuthRequest): Promise<AuthResult>;
  waitForCompletion(authId: string, opts?: WaitOptions): Promise<WaitResult>;
  revoke(ref: TokenRef): Promise<void>;
  /** Display name of a provider, for messages and interrupts; the id when unknown. */
  providerName?(provider: string): string;
  /** What a pending auth was bound to when it was created; undefined when unknown. */
  getAuth?(authId: string): Promise<AuthInfo | undefined>;
}

/** Non-secret facts about one authorization attempt. */
export interface AuthInfo {
  authId: string;
  userId: string;
  provider: string;
  agentId?: string | undefined;
  threadId?: string | undefined;
  scopes: string[];
  status: "pending" | "completed" | "denied";
  reason: PendingReason;
  url: string;
  expiresAt: string;
  metadata?: Record<string, string> | undefined;
}

/** What `handleCallback` reports; the token itself is stored, never returned. */
export interface CallbackResult {
  authId: string;
  status: "completed" | "denied";
  provider: string;
  userId: string;
  agentId?: string | undefined;
  threadId?: string | undefined;
  metadata?: Record<string, string> | undefined;
  /** The provider's `error` value when status is "denied". */
  error?: string | undefined;
}
