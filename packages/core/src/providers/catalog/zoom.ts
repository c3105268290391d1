import { fixedProvider } from "./entry.ts";

/** Zoom general app (user-managed). Scopes are chosen on the app in the Marketplace. */
export const zoom = fixedProvider({
  id: "zoom",
  name: "Zoom",
  authorizationUrl: "https://zoom.us/oauth/authorize",
  tokenUrl: "https://zoom.us/oauth/token",
  revocationUrl: "https://zoom.us/oauth/revoke",
  userinfoUrl: "https://api.zoom.us/v2/users/me",
  // Zoom docs, "Using OAuth 2.0": the token and revoke endpoints require HTTP Basic.
  clientAuth: "client_secret_basic",
  scopes: [],
  docsUrl: "https://marketplace.zoom.us/",
});
