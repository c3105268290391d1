import { fixedProvider } from "./entry.ts";

/** Eventbrite. There are no scopes, and tokens do not expire (no refresh token). */
export const eventbrite = fixedProvider({
  id: "eventbrite",
  name: "Eventbrite",
  authorizationUrl: "https://www.eventbrite.com/oauth/authorize",
  tokenUrl: "https://www.eventbrite.com/oauth/token",
  userinfoUrl: "https://www.eventbriteapi.com/v3/users/me/",
  clientAuth: "client_secret_post",
  scopes: [],
  docsUrl: "https://www.eventbrite.com/platform/api-keys",
});
