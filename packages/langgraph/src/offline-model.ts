import { randomUUID } from "node:crypto";
import { BaseChatModel } from "@langchain/core/language_models/chat_models";
import { AIMessage, HumanMessage, ToolMessage, type BaseMessage } from "@langchain/core/messages";
import type { ChatResult } from "@langchain/core/outputs";

export interface OfflineToolModelOptions {
  /** Which tools to call, in one AI message, for the user's latest message. */
  toolCalls: readonly string[] | ((userText: string) => readonly string[]);
  /** The final answer, made from the results of this turn's tool calls. Default: "done: a | b". */
  answer?: ((toolResults: string[]) => string) | undefined;
}

/**
 * A chat model for demos, examples and benchmarks that must run offline,
 * without an API key: on a user message it calls the given tools (fresh
 * call ids, so threads never share one); once they answered, it replies
 * with their results. It is not a language model; it only keeps the agent
 * loop of createAgent or a ToolNode graph turning.
 */
export class OfflineToolModel extends BaseChatModel {
  readonly #toolCalls: OfflineToolModelOptions["toolCalls"];
  readonly #answer: (toolResults: string[]) => string;

  constructor(options: OfflineToolModelOptions) {
    super({});
    this.#toolCalls = options.toolCalls;
    this.#answer = options.answer ?? ((results) => `done: ${results.join(" | ")}`);
  }

  _llmType(): string {
    return "offline-tool-model";
  }

  override bindTools(): this {
    return this;
  }

  async _generate(messages: BaseMessage[]): Promise<ChatResult> {
    const last = messages.at(-1);
    let message: AIMessage;
    if (HumanMessage.isInstance(last)) {
      const text = typeof last.content === "string" ? last.content : JSON.stringify(last.content);
      const names = typeof this.#toolCalls === "function" ? this.#toolCalls(text) : this.#toolCalls;
      message = new AIMessage({
        content: "",
        tool_calls: names.map((name) => ({ id: `call_${randomUUID().slice(0, 8)}`, name, args: {}, type: "tool_call" as const })),
      });
    } else {
      const turn = messages.slice(messages.findLastIndex((m) => HumanMessage.isInstance(m)) + 1);
      message = new AIMessage(this.#answer(turn.filter((m) => ToolMessage.isInstance(m)).map((m) => String(m.content))));
    }
    return { generations: [{ text: typeof message.content === "string" ? message.content : "", message }] };
  }
}
