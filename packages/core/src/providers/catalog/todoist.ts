import { fixedProvider } from "./entry.ts";

/** Todoist. Scopes are comma-separated, and tokens do not expire (no refresh token). */
export const todoist = fixedProvider({
  id: "todoist",
  name: "Todoist",
  authorizationUrl: "https://todoist.com/oauth/authorize",
  tokenUrl: "https://todoist.com/oauth/access_token",
  clientAuth: "client_secret_post",
  // Todoist docs, "Authorization": `scope` is a comma-separated list ("data:read,task:add").
  scopeSeparator: ",",
  scopes: ["data:read"],
  docsUrl: "https://developer.todoist.com/appconsole.html",
});
