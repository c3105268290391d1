import { fixedProvider } from "./entry.ts";

/**
 * DigitalOcean. Its /v1/oauth/revoke is authorized with the access token
 * itself as a Bearer header, not RFC 7009 client authentication, so it is
 * left out rather than called wrongly.
 */
export const digitalocean = fixedProvider({
  id: "digitalocean",
  name: "DigitalOcean",
  authorizationUrl: "https://cloud.digitalocean.com/v1/oauth/authorize",
  tokenUrl: "https://cloud.digitalocean.com/v1/oauth/token",
  userinfoUrl: "https://api.digitalocean.com/v2/account",
  clientAuth: "client_secret_post",
  scopes: ["read"],
  docsUrl: "https://cloud.digitalocean.com/account/api/applications",
});
