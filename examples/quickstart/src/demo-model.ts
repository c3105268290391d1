import { BaseChatModel } from "@langchain/core/language_models/chat_models";
import { AIMessage, ToolMessage, type BaseMessage } from "@langchain/core/messages";
import type { ChatResult } from "@langchain/core/outputs";

/**
 * A chat model that needs no API key: on the user's question it calls
 * `whoami_on_devhub`; once the tool answered, it replies with the result.
 * It stands in for a real model so the demo runs offline.
 */
export class DemoModel extends BaseChatModel {
  _llmType(): string {
    return "demo";
  }

  override bindTools(): this {
    return this;
  }

  async _generate(messages: BaseMessage[]): Promise<ChatResult> {
    const last = messages.at(-1);
    const message = ToolMessage.isInstance(last)
      ? new AIMessage(`Here is what DevHub says about your account: ${String(last.content)}`)
      : new AIMessage({ content: "", tool_calls: [{ id: "call_whoami", name: "whoami_on_devhub", args: {}, type: "tool_call" }] });
    return { generations: [{ text: typeof message.content === "string" ? message.content : "", message }] };
  }
}
