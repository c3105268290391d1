import { fixedProvider } from "./entry.ts";

/**
 * Stripe Connect OAuth (Standard accounts). The client secret is the
 * platform's secret API key (sk_…), sent as `client_secret`. Stripe's
 * /oauth/deauthorize disconnects an account by `stripe_user_id`, not a
 * token, so it is not an RFC 7009 revocationUrl.
 */
export const stripe = fixedProvider({
  id: "stripe",
  name: "Stripe Connect",
  authorizationUrl: "https://connect.stripe.com/oauth/authorize",
  tokenUrl: "https://connect.stripe.com/oauth/token",
  clientAuth: "client_secret_post",
  scopes: ["read_write"],
  docsUrl: "https://dashboard.stripe.com/settings/connect",
});
