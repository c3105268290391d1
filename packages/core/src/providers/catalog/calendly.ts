import { fixedProvider } from "./entry.ts";

/** Calendly API v2. Access tokens last two hours; a refresh token stays valid until used. */
export const calendly = fixedProvider({
  id: "calendly",
  name: "Calendly",
  authorizationUrl: "https://auth.calendly.com/oauth/authorize",
  tokenUrl: "https://auth.calendly.com/oauth/token",
  // Calendly API docs, "Revoke Access/Refresh Token": client_id and client_secret are form fields.
  revocationUrl: "https://auth.calendly.com/oauth/revoke",
  userinfoUrl: "https://api.calendly.com/users/me",
  clientAuth: "client_secret_post",
  scopes: [],
  docsUrl: "https://developer.calendly.com/",
});
