import { fixedProvider } from "./entry.ts";

/** Canva Connect APIs. PKCE S256 is mandatory; refresh tokens are single-use (rotated). */
export const canva = fixedProvider({
  id: "canva",
  name: "Canva",
  authorizationUrl: "https://www.canva.com/api/oauth/authorize",
  tokenUrl: "https://api.canva.com/rest/v1/oauth/token",
  revocationUrl: "https://api.canva.com/rest/v1/oauth/revoke",
  userinfoUrl: "https://api.canva.com/rest/v1/users/me",
  // Canva docs, "Generate an access token": HTTP Basic is the recommended method.
  clientAuth: "client_secret_basic",
  scopes: ["profile:read"],
  docsUrl: "https://www.canva.dev/docs/connect/authentication/",
});
