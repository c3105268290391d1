/**
 * A chat model that answers from a script: no network, no API key. Each call
 * returns the next scripted AI message (tool calls included); bindTools is a
 * no-op, as the script already names the tools.
 */
import { BaseChatModel } from "@langchain/core/language_models/chat_models";
import { AIMessage, type BaseMessage } from "@langchain/core/messages";
import type { ChatResult } from "@langchain/core/outputs";

export interface ScriptedToolCall {
  id: string;
  name: string;
  args: Record<string, unknown>;
}

export type ScriptStep = string | ScriptedToolCall[];

export class ScriptedChatModel extends BaseChatModel {
  readonly script: ScriptStep[];
  /** Every message list the model was called with, for assertions. */
  readonly calls: BaseMessage[][] = [];

  constructor(script: ScriptStep[]) {
    super({});
    this.script = [...script];
  }

  _llmType(): string {
    return "scripted";
  }

  override bindTools(): this {
    return this;
  }

  async _generate(messages: BaseMessage[]): Promise<ChatResult> {
    this.calls.push(messages);
    const step = this.script.shift() ?? "done";
    const message =
      typeof step === "string"
        ? new AIMessage({ content: step })
        : new AIMessage({ content: "", tool_calls: step.map((call) => ({ ...call, type: "tool_call" as const })) });
    return { generations: [{ text: typeof step === "string" ? step : "", message }] };
  }
}
