import { fixedProvider } from "./entry.ts";

export const fitbit = fixedProvider({
  id: "fitbit",
  name: "Fitbit",
  authorizationUrl: "https://www.fitbit.com/oauth2/authorize",
  tokenUrl: "https://api.fitbit.com/oauth2/token",
  revocationUrl: "https://api.fitbit.com/oauth2/revoke",
  userinfoUrl: "https://api.fitbit.com/1/user/-/profile.json",
  // Fitbit Web API docs, "Authorization": the token and revoke endpoints require HTTP Basic.
  clientAuth: "client_secret_basic",
  scopes: ["profile"],
  docsUrl: "https://dev.fitbit.com/apps/new",
});
