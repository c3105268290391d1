import { createLocalBroker, discoverProvider, type LocalBroker } from "@langgraph-oauth/core";
import { startDevProvider, type DevProvider } from "@langgraph-oauth/dev-provider";

export const CALLBACK_URL = "http://127.0.0.1:8787/oauth/callback";

/** A real local provider ("devhub") and a broker registered with it, as every benchmark needs. */
export async function startBenchBroker(): Promise<{ dev: DevProvider; broker: LocalBroker }> {
  const client = { clientId: "bench", clientSecret: "bench-secret" };
  const dev = await startDevProvider({ clients: [{ ...client, redirectUris: [`${CALLBACK_URL}/devhub`] }] });
  const broker = createLocalBroker({ providers: [await discoverProvider({ id: "devhub", issuer: dev.issuer, ...client })], callbackUrl: CALLBACK_URL });
  return { dev, broker };
}
