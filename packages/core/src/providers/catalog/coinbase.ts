import { fixedProvider } from "./entry.ts";

/** Coinbase (Coinbase App OAuth2), on login.coinbase.com since the 2024 move off www.coinbase.com/oauth. */
export const coinbase = fixedProvider({
  id: "coinbase",
  name: "Coinbase",
  authorizationUrl: "https://login.coinbase.com/oauth2/auth",
  tokenUrl: "https://login.coinbase.com/oauth2/token",
  userinfoUrl: "https://api.coinbase.com/v2/user",
  clientAuth: "client_secret_post",
  scopes: ["wallet:user:read"],
  docsUrl: "https://portal.cdp.coinbase.com/",
});
