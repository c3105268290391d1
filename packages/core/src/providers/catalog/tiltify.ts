import { fixedProvider } from "./entry.ts";

/** Tiltify API v5. */
export const tiltify = fixedProvider({
  id: "tiltify",
  name: "Tiltify",
  authorizationUrl: "https://v5api.tiltify.com/oauth/authorize",
  tokenUrl: "https://v5api.tiltify.com/oauth/token",
  clientAuth: "client_secret_post",
  scopes: ["public"],
});
