/**
 * withOAuth: the same tool, whose own function first makes sure the user has
 * granted the providers it needs.
 *
 * It wraps the tool's own function — `func` for tools made with `tool()` /
 * DynamicStructuredTool, `_call` for StructuredTool subclasses — on an object
 * that delegates everything else to the original tool (Object.create). So a
 * call pays for one tool invocation, not two, the name,
 * description, schema and class stay the same, and the original is untouched.
 */
import { ToolMessage } from "@langchain/core/messages";
import type { RunnableConfig } from "@langchain/core/runnables";
import { DynamicStructuredTool, DynamicTool, type StructuredToolInterface } from "@langchain/core/tools";
import type { AuthResult, Broker } from "@langgraph-oauth/core";
import { InvalidInputError } from "@langgraph-oauth/core";
import { currentScope, defineProviderAccessor, extendScope, OAuthTokens, runWithScope, type TokenScope } from "./context.ts";
import { authorize, directAuthenticate, type BoundRequirement, type GateOutcome, type OAuthDenial, type OAuthRequirement, type OnDenied, type ToolCallInfo } from "./gate.ts";
import type { UserIdOption } from "./user.ts";

interface CommonOptions {
  broker: Broker;
  /** Whose tokens: default configurable.langgraph_auth_user.identity, then configurable.user_id. */
  userId?: UserIdOption | undefined;
  /** Keys tokens to one agent instead of the user's own connection. */
  agentId?: string | undefined;
  /** The tool's result when the user denies or cancels consent. Default: an error ToolMessage saying so. */
  onDenied?: OnDenied | undefined;
}

export type WithOAuthOptions = CommonOptions &
  (
    | { provider: string; scopes?: readonly string[] | undefined; providers?: undefined }
    | { providers: readonly OAuthRequirement[]; provider?: undefined; scopes?: undefined }
  );

/**
 * What withOAuth accepts, structurally: any @langchain/core tool. Not
 * StructuredToolInterface, whose zod v3 typing rejects DynamicTool under
 * exactOptionalPropertyTypes; the runtime check below is the real gate.
 */
export interface ToolLike {
  name: string;
  description: string;
  invoke(...args: never[]): Promise<unknown>;
}

const REQUIREMENTS = Symbol.for("@langgraph-oauth/langgraph.requirements");

type ToolFunction = (this: unknown, input: unknown, runManager: unknown, config?: RunnableConfig) => unknown;

interface WrapState {
  readonly requirements: readonly BoundRequirement[];
  /** The unwrapped tool, whose function is the body. */
  readonly origin: StructuredToolInterface;
}

// _call is protected in the typings; these two only forward to `func`.
const FUNC_CALLERS = new Set<unknown>([
  (DynamicStructuredTool.prototype as unknown as { _call: unknown })._call,
  (DynamicTool.prototype as unknown as { _call: unknown })._call,
]);

type Tagged = StructuredToolInterface & { [REQUIREMENTS]?: WrapState };

/** The requirements withOAuth attached to a tool, for oauthMiddleware. */
export function oauthRequirementsOf(tool: unknown): readonly BoundRequirement[] | undefined {
  return typeof tool === "object" && tool !== null ? (tool as Tagged)[REQUIREMENTS]?.requirements : undefined;
}

export function bindRequirements(list: readonly OAuthRequirement[], common: CommonOptions, where: string): BoundRequirement[] {
  if (!common?.broker || typeof common.broker.authenticate !== "function") {
    throw new InvalidInputError(`${where} needs { broker }: e.g. createLocalBroker({ providers, callbackUrl }).`);
  }
  if (list.length === 0) throw new InvalidInputError(`${where} needs a provider: { provider, scopes } or { providers: [{ provider, scopes }] }.`);
  return list.map((entry) => {
    if (typeof entry?.provider !== "string" || entry.provider.length === 0) {
      throw new InvalidInputError(`${where}: provider must be the provider id registered in the broker, e.g. "github".`);
    }
    if (entry.scopes !== undefined && (!Array.isArray(entry.scopes) || entry.scopes.some((s) => typeof s !== "string"))) {
      throw new InvalidInputError(`${where}: scopes of "${entry.provider}" must be an array of strings.`);
    }
    defineProviderAccessor(entry.provider);
    return Object.freeze({
      broker: common.broker,
      provider: entry.provider,
      scopes: Object.freeze([...(entry.scopes ?? [])]),
      userId: common.userId,
      agentId: common.agentId,
      onDenied: common.onDenied,
    });
  });
}

function defaultDeniedText(denial: OAuthDenial): string {
  const what = denial.toolCall?.name ? `"${denial.toolCall.name}" did not run` : "the tool did not run";
  const verb = denial.status === "cancelled" ? "cancelled connecting" : "declined to connect";
  return `The user ${verb} ${denial.providerName}, so ${what}. Do not call it again unless the user asks to connect ${denial.providerName}.`;
}

/** The result a denied call returns: `onDenied`'s, or an error ToolMessage when there is a tool call to answer. */
export function deniedResult(outcome: Extract<GateOutcome, { denied: OAuthDenial }>): { value: unknown; message?: ToolMessage } {
  const { denied, requirement } = outcome;
  if (typeof requirement.onDenied === "function") return { value: requirement.onDenied(denied) };
  const content = typeof requirement.onDenied === "string" ? requirement.onDenied : defaultDeniedText(denied);
  if (!denied.toolCall?.id) return { value: content };
  const message = new ToolMessage({ content, tool_call_id: denied.toolCall.id, name: denied.toolCall.name, status: "error" });
  return { value: message, message };
}

function toolCallOf(config: RunnableConfig | undefined, name: string): ToolCallInfo {
  const c = config as (RunnableConfig & { toolCall?: { id?: unknown }; toolCallId?: unknown }) | undefined;
  const id = c?.toolCall?.id ?? c?.toolCallId;
  return { id: typeof id === "string" && id.length > 0 ? id : undefined, name };
}

/**
 * The config the body gets: the same, plus `configurable.oauth` for code
 * that has lost the AsyncLocalStorage context.
 *
 * The config object itself is updated rather than copied: it is the one
 * StructuredTool.call made for this invocation (and already mutates: it
 * deletes runId, sets runName), and that `delete` leaves it in V8's
 * dictionary mode, where a copy costs about a microsecond — a third of our
 * budget. `configurable` is replaced by a copy, never
 * mutated, since it is shared with the caller and the graph.
 */
function configWithTokens(config: RunnableConfig | undefined, tokens: OAuthTokens): RunnableConfig {
  const target: RunnableConfig = config ?? {};
  target.configurable = Object.assign({}, target.configurable, { oauth: tokens });
  return target;
}

function callBody(body: ToolFunction, self: unknown, input: unknown, runManager: unknown, config: RunnableConfig): unknown {
  return body.call(self, input, runManager, config);
}

function gated(body: ToolFunction, requirements: readonly BoundRequirement[], state: { name: string; artifact: boolean }): ToolFunction {
  async function slow(self: unknown, input: unknown, runManager: unknown, config: RunnableConfig, toolCall: ToolCallInfo, first: AuthResult | undefined): Promise<unknown> {
    const outcome = await authorize(requirements, config, toolCall, first);
    if (outcome.denied) {
      const { value, message } = deniedResult(outcome);
      // content_and_artifact tools must return a pair; a ToolMessage in it is passed through as is.
      return message && state.artifact ? [message, undefined] : value;
    }
    const scope = extendScope(currentScope(), outcome.granted);
    return runWithScope(scope, callBody, body, self, input, runManager, configWithTokens(config, new OAuthTokens(scope)));
  }
  return function oauthGated(this: unknown, input, runManager, config) {
    const cfg = config ?? {};
    const toolCall = toolCallOf(cfg, state.name);
    const direct = directAuthenticate(requirements, cfg, toolCall);
    if (!direct) return slow(this, input, runManager, cfg, toolCall, undefined);
    const self = this;
    return direct.then((first) => {
      if (first.status !== "completed") return slow(self, input, runManager, cfg, toolCall, first);
      // The hot path: a direct invoke with a cached token.
      const scope: TokenScope = { provider: requirements[0]!.provider, credentials: first.credentials, parent: currentScope(), layer: requirements };
      return runWithScope(scope, callBody, body, self, input, runManager, configWithTokens(cfg, new OAuthTokens(scope)));
    });
  };
}

/**
 * Returns `tool` (same name, description, schema and class) whose body runs
 * only once the user has granted `provider` (or every entry of `providers`)
 * with `scopes`; inside it, `getAccessToken()` returns the token. When consent
 * is needed, a graph run pauses with an OAuth interrupt (v1); outside a graph
 * an OAuthRequiredError is thrown. Wrapping a wrapped tool adds a provider.
 */
export function withOAuth<T extends ToolLike>(tool: T, options: WithOAuthOptions): T {
  const base = tool as unknown as Tagged;
  if (typeof base !== "object" || base === null || typeof (base as { _call?: unknown })._call !== "function") {
    throw new InvalidInputError("withOAuth(tool, options) takes a @langchain/core tool (tool() or a StructuredTool).");
  }
  const list: readonly OAuthRequirement[] =
    options?.providers !== undefined ? options.providers : [{ provider: options?.provider as string, scopes: options?.scopes }];
  const added = bindRequirements(list, options, "withOAuth");
  const prior = base[REQUIREMENTS];
  const origin = (prior?.origin ?? base) as StructuredToolInterface & { _call: ToolFunction; func?: ToolFunction };
  const requirements = Object.freeze([...(prior?.requirements ?? []), ...added]);

  // Delegates every property to `tool`; only the function and the tag are own.
  const wrapped = Object.create(base) as Tagged & { _call: ToolFunction; func?: ToolFunction };
  const state = { name: origin.name, artifact: (origin as { responseFormat?: string }).responseFormat === "content_and_artifact" };
  const callsFunc = typeof origin.func === "function" && FUNC_CALLERS.has(origin._call);
  if (callsFunc) {
    wrapped.func = gated(origin.func!, requirements, state);
    // A wrapped tool's _call may be the previous layer's gate: use the one that calls func.
    wrapped._call = origin._call;
  } else {
    wrapped._call = gated(origin._call, requirements, state);
  }
  Object.defineProperty(wrapped, REQUIREMENTS, { value: { requirements, origin } satisfies WrapState, enumerable: false });
  return wrapped as unknown as T;
}
