/**
 * oauthMiddleware for langchain v1 `createAgent`: gates tool calls by name,
 * so plain tools (not wrapped with withOAuth) can use `getAccessToken()`.
 *
 * It interrupts in `wrapToolCall` before calling `handler()`, never after
 *. createAgent runs each tool call as its own task, so calls
 * to several providers surface their interrupts together and resume together
 * with one map `{ [interrupt.id]: { authId, status } }`.
 *
 * Order matters: langchain's toolRetryMiddleware catches every error of the
 * handler, interrupts included, so put oauthMiddleware before it in
 * `middleware: [...]` (the first entry is the outermost layer).
 */
import { ToolMessage } from "@langchain/core/messages";
import type { RunnableConfig } from "@langchain/core/runnables";
import { AsyncLocalStorageProviderSingleton } from "@langchain/core/singletons";
import type { AgentMiddleware, ToolCallHandler } from "langchain";
import { InvalidInputError, type Broker } from "@langgraph-oauth/core";
import { currentScope, extendScope, runWithScope } from "./context.ts";
import { authorize, type BoundRequirement, type OAuthRequirement, type OnDenied } from "./gate.ts";
import { bindRequirements, deniedResult, oauthRequirementsOf } from "./with-oauth.ts";
import type { UserIdOption } from "./user.ts";

export interface OAuthMiddlewareOptions {
  broker: Broker;
  /** Tool name → the provider (and scopes) it needs, or a list of them. */
  tools?: Readonly<Record<string, OAuthRequirement | readonly OAuthRequirement[]>> | undefined;
  userId?: UserIdOption | undefined;
  agentId?: string | undefined;
  onDenied?: OnDenied | undefined;
  /** Middleware name; must be unique within one agent. Default "OAuthMiddleware". */
  name?: string | undefined;
}

/**
 * langchain's createMiddleware only returns its argument plus this brand
 * (langchain 1.5). Building the object here keeps langchain an optional peer:
 * importing this package does not load it.
 */
const MIDDLEWARE_BRAND = Symbol.for("AgentMiddleware");

export function oauthMiddleware(options: OAuthMiddlewareOptions): AgentMiddleware {
  if (!options?.broker || typeof options.broker.authenticate !== "function") {
    throw new InvalidInputError("oauthMiddleware needs { broker }: e.g. createLocalBroker({ providers, callbackUrl }).");
  }
  const byTool = new Map<string, readonly BoundRequirement[]>();
  for (const [toolName, spec] of Object.entries(options.tools ?? {})) {
    const list: readonly OAuthRequirement[] = Array.isArray(spec) ? spec : [spec as OAuthRequirement];
    byTool.set(toolName, bindRequirements(list, options, `oauthMiddleware tools["${toolName}"]`));
  }

  const wrapToolCall = async (request: Parameters<ToolCallHandler>[0], handler: ToolCallHandler): Promise<ToolMessage | Awaited<ReturnType<ToolCallHandler>>> => {
    const name = request.toolCall.name;
    // withOAuth tools are gated here too, so their consent happens outside
    // any retry middleware placed after this one.
    const listed = byTool.get(name);
    const wrapped = oauthRequirementsOf(request.tool);
    const requirements = listed && wrapped ? [...listed, ...wrapped] : (listed ?? wrapped);
    if (!requirements) return handler(request);

    // The ToolNode's config (configurable with user, thread and the task's
    // scratchpad) is the ambient one here.
    const config: RunnableConfig = AsyncLocalStorageProviderSingleton.getRunnableConfig() ?? { configurable: request.runtime.configurable ?? {} };
    const outcome = await authorize(requirements, config, { id: request.toolCall.id, name });
    if (outcome.denied) {
      const { value, message } = deniedResult(outcome);
      if (message) return message;
      if (ToolMessage.isInstance(value)) return value;
      // wrapToolCall must answer with a ToolMessage.
      return new ToolMessage({
        content: typeof value === "string" ? value : JSON.stringify(value ?? null),
        tool_call_id: request.toolCall.id ?? "",
        name,
        status: "error",
      });
    }
    const scope = extendScope(currentScope(), outcome.granted);
    return runWithScope(scope, handler, request);
  };

  return {
    [MIDDLEWARE_BRAND]: true,
    name: options.name ?? "OAuthMiddleware",
    wrapToolCall,
  } as AgentMiddleware;
}
