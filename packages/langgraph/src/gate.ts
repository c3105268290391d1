/**
 * The decision made before a tool body runs, shared by withOAuth and
 * oauthMiddleware: ask the broker for each required provider; with every
 * token in hand, let the body run; otherwise pause with an OAuth interrupt,
 * or end the call when the user denied or cancelled consent.
 */
import type { RunnableConfig } from "@langchain/core/runnables";
import type { AuthInfo, AuthRequest, AuthResult, Broker, Credentials } from "@langgraph-oauth/core";
import { isOAuthResume, type OAuthResume } from "./interrupt.ts";
import { buildOAuthInterrupt, type ToolCallRef } from "./payload.ts";
import { CheckpointerMissingError, OAuthRequiredError, ResumeUserMismatchError } from "./errors.ts";
import { drainOAuthResumes, graphRun, hasOAuthResumeValues, pause, raisedOAuthAuthIds, resumeValues, type GraphRun } from "./runtime.ts";
import { awaitSiblings, enterBarrier, leaveBarrier, type TaskBarrier } from "./barrier.ts";
import { resolveThreadId, resolveUserId, type UserIdOption } from "./user.ts";

type Pending = Extract<AuthResult, { status: "pending" }>;

/** Why a tool call ended without running: what `onDenied` receives. */
export interface OAuthDenial {
  provider: string;
  providerName: string;
  authId: string;
  status: "denied" | "cancelled";
  userId: string;
  toolCall?: { id?: string | undefined; name: string } | undefined;
}

/**
 * What a denied or cancelled consent returns instead of the tool's result: a
 * fixed text, or a function whose return value becomes the result (it may
 * also throw, e.g. an OAuthDeniedError, to fail the call).
 */
export type OnDenied = string | ((denial: OAuthDenial) => unknown);

/** One provider a tool needs. */
export interface OAuthRequirement {
  provider: string;
  /** Scopes this tool needs; the provider's default scopes are added by the broker. */
  scopes?: readonly string[] | undefined;
}

/** A requirement with everything needed to check it. */
export interface BoundRequirement {
  readonly broker: Broker;
  readonly provider: string;
  readonly scopes: readonly string[];
  readonly userId?: UserIdOption | undefined;
  readonly agentId?: string | undefined;
  readonly onDenied?: OnDenied | undefined;
}

export type GateOutcome =
  | { readonly granted: ReadonlyArray<readonly [string, Credentials]>; readonly denied?: undefined }
  | { readonly denied: OAuthDenial; readonly requirement: BoundRequirement; readonly granted?: undefined };

export interface ToolCallInfo {
  id: string | undefined;
  name: string;
}

/** Per-decision memo of broker.getAuth, which only the resume path calls. */
class AuthLookup {
  // Created on first use: the cached path never looks anything up.
  #cache: Map<Broker, Map<string, Promise<AuthInfo | undefined>>> | undefined;
  get(broker: Broker, authId: string): Promise<AuthInfo | undefined> {
    if (!broker.getAuth) return Promise.resolve(undefined);
    this.#cache ??= new Map();
    let byId = this.#cache.get(broker);
    if (!byId) this.#cache.set(broker, (byId = new Map()));
    let found = byId.get(authId);
    if (!found) {
      // A forged or malformed authId is "not ours", not an error.
      found = Promise.resolve(authId)
        .then((id) => broker.getAuth!(id))
        .catch(() => undefined);
      byId.set(authId, found);
    }
    return found;
  }
}

/** This call's place in its task's barrier; leaving is idempotent. */
class BarrierTicket {
  #left = false;
  constructor(readonly barrier: TaskBarrier) {}
  leave(pausedWith?: unknown): void {
    if (this.#left) return;
    this.#left = true;
    leaveBarrier(this.barrier, pausedWith);
  }
}

interface Decision {
  readonly config: RunnableConfig;
  readonly run: GraphRun | undefined;
  readonly toolCall: ToolCallInfo;
  readonly threadId: string | undefined;
  readonly lookup: AuthLookup;
}

function providerName(req: BoundRequirement): string {
  return req.broker.providerName?.(req.provider) ?? req.provider;
}

/**
 * Whether a stored authorization was asked of this user for this provider
 * (and agent, and thread). The tool call is deliberately not compared: the
 * broker hands one pending authorization to every call that needs the same
 * consent, so a denial recorded for one of them answers them all — and
 * over-accepting a denial only means a tool does not run.
 */
function belongsTo(info: AuthInfo, req: BoundRequirement, userId: string, d: Decision): boolean {
  if (info.userId !== userId || info.provider !== req.provider || (info.agentId ?? undefined) !== (req.agentId ?? undefined)) return false;
  return info.threadId === undefined || d.threadId === undefined || info.threadId === d.threadId;
}

/**
 * Whether a resume value ends this requirement as denied or cancelled. A
 * client may always cancel its own consent; a "completed" hint counts as a
 * denial when the broker recorded one. Hints for other providers, threads
 * or users are ignored here (see refuseForeignResume for the user check).
 */
async function denialIn(hint: OAuthResume, req: BoundRequirement, userId: string, pending: Pending, d: Decision): Promise<OAuthDenial | undefined> {
  const declined = hint.status !== "completed";
  const denial = (status: "denied" | "cancelled"): OAuthDenial => ({
    provider: req.provider,
    providerName: providerName(req),
    authId: hint.authId,
    status,
    userId,
    toolCall: d.toolCall,
  });
  if (declined && hint.authId === pending.authId) return denial(hint.status as "denied" | "cancelled");
  const info = await d.lookup.get(req.broker, hint.authId);
  if (!info || !belongsTo(info, req, userId, d)) return undefined;
  if (declined) return denial(hint.status as "denied" | "cancelled");
  return info.status === "denied" ? denial("denied") : undefined;
}

/**
 * Identity on resume: the broker bound a user to every authId when the
 * interrupt was raised. A resumed task whose own paused interrupts, or whose
 * resume values, name an authorization of another user is being resumed
 * for someone else: refuse, before any token of the current user is fetched.
 * The paused interrupts count because a resume value is whatever the
 * resumer sends ("yes", a made-up authId). Who may resume a thread at all
 * is the LangGraph server's auth to decide; this only keeps one user's
 * token out of a consent raised for another.
 */
async function refuseForeignResume(run: GraphRun, req: BoundRequirement, userId: string, d: Decision, raised: () => Promise<string[]>): Promise<void> {
  const named = resumeValues(run).flatMap((value) => (isOAuthResume(value) ? [value.authId] : []));
  for (const authId of [...(await raised()), ...named]) {
    const info = await d.lookup.get(req.broker, authId);
    if (info && info.userId !== userId) throw new ResumeUserMismatchError(req.provider);
  }
}

function request(req: BoundRequirement, userId: string, d: Pick<Decision, "toolCall" | "threadId">): AuthRequest {
  const metadata: Record<string, string> = d.toolCall.id === undefined ? { toolName: d.toolCall.name } : { toolName: d.toolCall.name, toolCallId: d.toolCall.id };
  return { userId, provider: req.provider, scopes: req.scopes, agentId: req.agentId, threadId: d.threadId, metadata };
}

/**
 * One requirement whose broker answered "pending": throw outside a graph,
 * explain a missing checkpointer, end the call on a denial, else pause.
 * Returns only with a denial; a pause throws GraphInterrupt.
 */
async function consentOrPause(req: BoundRequirement, userId: string, pending: Pending, d: Decision, ticket: BarrierTicket | undefined): Promise<OAuthDenial> {
  const toolCall: ToolCallRef | undefined = d.toolCall.id === undefined ? undefined : { id: d.toolCall.id, name: d.toolCall.name };
  const payload = buildOAuthInterrupt(pending, req.provider, providerName(req), toolCall);
  if (!d.run) throw new OAuthRequiredError(payload);
  if (!d.run.hasCheckpointer) throw new CheckpointerMissingError(payload);
  const run = d.run;
  // Found by looking at every resume value of the task, not only the one at
  // our interrupt position: in a ToolNode task the positions are shared by
  // sibling calls, and their order varies with I/O timing.
  for (const value of resumeValues(run)) {
    if (!isOAuthResume(value)) continue;
    const denial = await denialIn(value, req, userId, pending, d);
    if (denial) return denial;
  }
  for (;;) {
    let value: unknown;
    try {
      value = pause(run, payload);
    } catch (error) {
      // Siblings waiting in the same task rethrow this very interrupt.
      ticket?.leave(error);
      throw error;
    }
    // interrupt() returned a resume value instead of pausing. It may answer
    // an earlier interrupt of this task (another provider, a sibling call),
    // or be a hint given too early or forged: unless it ends this
    // requirement, call interrupt() again, which pauses for real once the
    // task's resume values are used up — with the same authId and URL.
    if (isOAuthResume(value)) {
      const info = await d.lookup.get(req.broker, value.authId);
      if (info && info.userId !== userId) throw new ResumeUserMismatchError(req.provider);
      const denial = await denialIn(value, req, userId, pending, d);
      if (denial) return denial;
    }
  }
}

/**
 * The fast path of a direct invoke (no graph run) of a one-provider tool:
 * one broker call, which is a cache lookup when the token is cached.
 * Returns undefined when it does not apply; when the broker did not answer
 * "completed", pass its answer to authorize() as `first`.
 */
export function directAuthenticate(requirements: readonly BoundRequirement[], config: RunnableConfig, toolCall: ToolCallInfo): Promise<AuthResult> | undefined {
  if (requirements.length !== 1 || graphRun(config) !== undefined) return undefined;
  const req = requirements[0]!;
  const d = { toolCall, threadId: resolveThreadId(config) };
  return req.broker.authenticate(request(req, resolveUserId(config, req.userId), d));
}

/**
 * Decides whether a tool call may run: in graph runs, on cache misses, and
 * for several providers. Requirements are handled in order, one interrupt per
 * missing provider (each a self-contained v1 payload). `first` is the
 * broker's answer for the first requirement when directAuthenticate already
 * asked (a direct invoke, outside any graph).
 */
export async function authorize(requirements: readonly BoundRequirement[], config: RunnableConfig, toolCall: ToolCallInfo, first?: AuthResult): Promise<GateOutcome> {
  const run = first ? undefined : graphRun(config);
  const effective = run && run.config !== config ? { ...config, configurable: { ...run.config.configurable, ...config.configurable } } : config;
  const d: Decision = { config: effective, run, toolCall, threadId: resolveThreadId(effective), lookup: new AuthLookup() };
  const ticket = run ? new BarrierTicket(enterBarrier(run.scratchpad)) : undefined;
  try {
    const resuming = run !== undefined && hasOAuthResumeValues(run);
    const resumed = run !== undefined && resumeValues(run).length > 0;
    // Read from the checkpoint once per decision, and only when the task was resumed at all.
    let raisedOnce: Promise<string[]> | undefined;
    const raised = () => (raisedOnce ??= run ? raisedOAuthAuthIds(run) : Promise.resolve([]));
    const granted: Array<readonly [string, Credentials]> = [];
    for (let i = 0; i < requirements.length; i++) {
      const req = requirements[i]!;
      const userId = resolveUserId(effective, req.userId);
      if (resumed) await refuseForeignResume(run, req, userId, d, raised);
      // Parallel calls needing one consent get one authId: the broker reuses pending authorizations under a lock.
      const result = i === 0 && first ? first : await req.broker.authenticate(request(req, userId, d));
      if (result.status === "completed") {
        granted.push([req.provider, result.credentials]);
        continue;
      }
      const denied = await consentOrPause(req, userId, result, d, ticket);
      return { denied, requirement: req };
    }
    if (ticket && run) {
      ticket.leave();
      await awaitSiblings(ticket.barrier);
      if (resuming) drainOAuthResumes(run);
    }
    return { granted };
  } finally {
    ticket?.leave();
  }
}
