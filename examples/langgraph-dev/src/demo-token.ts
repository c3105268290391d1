/**
 * A stand-in for your identity provider in the custom-auth variant
 * (langgraph.auth.json): a bearer token is `<user>.<HMAC-SHA256(user)>`
 * under DEMO_AUTH_SECRET. Real deployments verify their IdP's tokens here.
 */
import { createHmac, timingSafeEqual } from "node:crypto";

export const demoAuthSecret = process.env["DEMO_AUTH_SECRET"];

function mac(user: string, secret: string): string {
  return createHmac("sha256", secret).update(user).digest("base64url");
}

export function signDemoToken(user: string, secret: string): string {
  return `${user}.${mac(user, secret)}`;
}

/** The user a valid token names, or undefined. */
export function verifyDemoToken(token: string, secret: string): string | undefined {
  const dot = token.lastIndexOf(".");
  if (dot <= 0) return undefined;
  const user = token.slice(0, dot);
  const given = Buffer.from(token.slice(dot + 1));
  const expected = Buffer.from(mac(user, secret));
  return given.length === expected.length && timingSafeEqual(given, expected) ? user : undefined;
}
