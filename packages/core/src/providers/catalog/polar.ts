import { fixedProvider } from "./entry.ts";

/** Polar (polar.sh). */
export const polar = fixedProvider({
  id: "polar",
  name: "Polar",
  authorizationUrl: "https://polar.sh/oauth2/authorize",
  tokenUrl: "https://api.polar.sh/v1/oauth2/token",
  revocationUrl: "https://api.polar.sh/v1/oauth2/revoke",
  userinfoUrl: "https://api.polar.sh/v1/oauth2/userinfo",
  // Polar accepts HTTP Basic too, but registers clients with client_secret_post by default.
  clientAuth: "client_secret_post",
  scopes: ["openid", "email"],
});
