import { fixedProvider } from "./entry.ts";

/** Patreon API v2. */
export const patreon = fixedProvider({
  id: "patreon",
  name: "Patreon",
  authorizationUrl: "https://www.patreon.com/oauth2/authorize",
  tokenUrl: "https://www.patreon.com/api/oauth2/token",
  userinfoUrl: "https://www.patreon.com/api/oauth2/v2/identity",
  clientAuth: "client_secret_post",
  scopes: ["identity"],
  docsUrl: "https://www.patreon.com/portal/registration/register-clients",
});
