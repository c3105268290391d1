/**
 * The agent `langgraphjs dev` serves as "agent". Both tools need DevHub
 * consent; createAgent runs each tool call as its own task, so two calls in
 * one message pause together and resume together after one consent.
 * `langgraphjs dev` replaces the checkpointer with its own (.langgraph_api/).
 */
import { createAgent } from "langchain";
import { oauthMiddleware } from "@langgraph-oauth/langgraph";
import { OfflineToolModel } from "@langgraph-oauth/langgraph/offline-model";
import { broker } from "./oauth.ts";
import { demoUser, scopes, whoami } from "./tools.ts";

export const graph = createAgent({
  // Stands in for a real model so the example runs offline: asked about scopes or
  // permissions it makes two parallel tool calls that need one consent.
  model: new OfflineToolModel({
    toolCalls: (text) => (/scope|permission/i.test(text) ? ["whoami_on_devhub", "devhub_scopes"] : ["whoami_on_devhub"]),
    answer: (results) => `DevHub says: ${results.join(" ")}`,
  }),
  tools: [whoami, scopes],
  // First in the list = outermost: consent is asked before any retry middleware could swallow it.
  middleware: [oauthMiddleware({ broker, userId: demoUser, tools: { devhub_scopes: { provider: "devhub", scopes: ["read:user"] } } })],
});
