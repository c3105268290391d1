type OidcProviderModule = typeof import("oidc-provider");

let loading: Promise<OidcProviderModule> | undefined;

/**
 * Imports oidc-provider once. Its index prints "Unsupported runtime. Use
 * Node.js v22.x LTS" on Node 20 at import time; that is a support-policy
 * notice, not a fault: 9.x runs here (it needs URL.parse and crypto.hash,
 * both present since Node 20.18), and this package's tests prove it on the
 * project's Node 20.20. Only that one line is filtered, only while importing;
 * every other warning and error still reaches the console.
 */
export function loadOidcProvider(): Promise<OidcProviderModule> {
  loading ??= importQuietly();
  return loading;
}

async function importQuietly(): Promise<OidcProviderModule> {
  const warn = console.warn;
  console.warn = (...args: unknown[]) => {
    const first = args[0];
    if (typeof first === "string" && first.includes("oidc-provider WARNING: Unsupported runtime")) return;
    warn.apply(console, args);
  };
  try {
    return await import("oidc-provider");
  } finally {
    console.warn = warn;
  }
}
