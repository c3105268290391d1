import { fixedProvider } from "./entry.ts";

/** Kick. PKCE S256 is mandatory. */
export const kick = fixedProvider({
  id: "kick",
  name: "Kick",
  authorizationUrl: "https://id.kick.com/oauth/authorize",
  tokenUrl: "https://id.kick.com/oauth/token",
  revocationUrl: "https://id.kick.com/oauth/revoke",
  clientAuth: "client_secret_post",
  scopes: ["user:read"],
  docsUrl: "https://kick.com/settings/developer",
});
