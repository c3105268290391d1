import { generateKeyPair, randomUUID, type KeyObject } from "node:crypto";
import { promisify } from "node:util";
import type { JWK } from "oidc-provider";

const generate = promisify(generateKeyPair);

/** RSA keygen costs 50-500 ms; tests start many providers, so one RSA key serves the whole process. */
let processRsaKey: Promise<KeyObject> | undefined;

/**
 * Signing keys made at start and never written anywhere, so no key ships in
 * the repository and nothing survives a restart. RS256 is what OIDC clients
 * assume for ID tokens unless told otherwise, so it is offered; its key is
 * shared by the instances of one process (it signs only ID tokens, which
 * carry their issuer, so instances still cannot accept each other's). The
 * ES256 key is cheap and made per instance.
 */
export async function generateSigningKeys(): Promise<{ keys: JWK[] }> {
  processRsaKey ??= generate("rsa", { modulusLength: 2048 }).then(
    (pair) => pair.privateKey,
    (error: unknown) => {
      processRsaKey = undefined; // let the next start try again
      throw error;
    },
  );
  const [rsa, ec] = await Promise.all([processRsaKey, generate("ec", { namedCurve: "P-256" })]);
  return { keys: [toJwk(rsa, "RS256"), toJwk(ec.privateKey, "ES256")] };
}

function toJwk(key: KeyObject, alg: string): JWK {
  return { ...key.export({ format: "jwk" }), kid: randomUUID(), alg, use: "sig" };
}
