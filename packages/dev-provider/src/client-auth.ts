import type Provider from "oidc-provider";
import type { KoaContextWithOIDC } from "oidc-provider";

/**
 * oidc-provider treats client_secret_basic and client_secret_post as
 * interchangeable: a client registered for one may authenticate with the
 * other. Real providers differ on this, and the second instance in the tests
 * exists to prove a client sends its secret the way the provider is
 * configured, so here a client must use exactly its registered method.
 *
 * The secret comparison is the one hook that runs after oidc-provider has
 * parsed the request and knows the client, and it is defined on this
 * instance's own Client class, so other instances are untouched. A mismatch
 * fails like a wrong secret: 401 invalid_client.
 */
export function requireRegisteredSecretMethod(provider: Provider, currentContext: () => KoaContextWithOIDC | undefined): void {
  const prototype = provider.Client.prototype;
  const compare = prototype.compareClientSecret;
  prototype.compareClientSecret = function (this: typeof prototype, actual: string) {
    const ctx = currentContext();
    // oidc-provider itself refuses requests that carry both a Basic header and a body secret.
    const used = ctx?.headers.authorization === undefined ? "client_secret_post" : "client_secret_basic";
    if (this.clientAuthMethod !== used) return false;
    return compare.call(this, actual);
  };
}
