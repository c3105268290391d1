import { fixedProvider } from "./entry.ts";

/**
 * Lichess. There is no app registration and no secret: any `clientId` you
 * choose works, with PKCE S256 mandatory, so create the entry with
 * `clientId` only. Tokens are long-lived and come without a refresh token.
 */
export const lichess = fixedProvider({
  id: "lichess",
  name: "Lichess",
  authorizationUrl: "https://lichess.org/oauth",
  tokenUrl: "https://lichess.org/api/token",
  userinfoUrl: "https://lichess.org/api/account",
  clientAuth: "client_secret_post",
  scopes: [],
  docsUrl: "https://lichess.org/api#tag/OAuth",
});
