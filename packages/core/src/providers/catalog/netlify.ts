import { fixedProvider } from "./entry.ts";

/** Netlify. There are no scopes, and tokens do not expire (no refresh token). */
export const netlify = fixedProvider({
  id: "netlify",
  name: "Netlify",
  authorizationUrl: "https://app.netlify.com/authorize",
  tokenUrl: "https://api.netlify.com/oauth/token",
  userinfoUrl: "https://api.netlify.com/api/v1/user",
  clientAuth: "client_secret_post",
  scopes: [],
  docsUrl: "https://app.netlify.com/user/applications",
});
