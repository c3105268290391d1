import { selfHostedProvider } from "./entry.ts";

/** Nextcloud's built-in OAuth 2.0 app. A token grants the user's full access, so there are no scopes. */
export const nextcloud = selfHostedProvider("Nextcloud", (base) => ({
  id: "nextcloud",
  name: "Nextcloud",
  authorizationUrl: `${base}/apps/oauth2/authorize`,
  tokenUrl: `${base}/apps/oauth2/api/v1/token`,
  clientAuth: "client_secret_post",
  scopes: [],
  docsUrl: `${base}/settings/admin/security`,
}));
