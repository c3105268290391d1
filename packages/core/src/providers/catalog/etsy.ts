import { fixedProvider } from "./entry.ts";

/**
 * Etsy Open API v3. PKCE S256 is mandatory and the token request carries
 * the keystring as `client_id` with no secret: create the entry with
 * `clientId` only, which makes it a public client.
 */
export const etsy = fixedProvider({
  id: "etsy",
  name: "Etsy",
  authorizationUrl: "https://www.etsy.com/oauth/connect",
  tokenUrl: "https://api.etsy.com/v3/public/oauth/token",
  clientAuth: "client_secret_post",
  scopes: ["email_r"],
  docsUrl: "https://www.etsy.com/developers/your-apps",
});
