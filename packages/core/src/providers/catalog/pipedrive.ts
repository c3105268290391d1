import { fixedProvider } from "./entry.ts";

/** Pipedrive. Scopes are chosen on the app in the Developer Hub. */
export const pipedrive = fixedProvider({
  id: "pipedrive",
  name: "Pipedrive",
  authorizationUrl: "https://oauth.pipedrive.com/oauth/authorize",
  tokenUrl: "https://oauth.pipedrive.com/oauth/token",
  userinfoUrl: "https://api.pipedrive.com/v1/users/me",
  // Pipedrive docs, "OAuth authorization": the token request uses HTTP Basic.
  clientAuth: "client_secret_basic",
  scopes: [],
  docsUrl: "https://developers.pipedrive.com/",
});
