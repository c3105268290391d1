import { fixedProvider } from "./entry.ts";

/** Login with Amazon (a "security profile" in the Amazon developer console). */
export const amazon = fixedProvider({
  id: "amazon",
  name: "Amazon",
  authorizationUrl: "https://www.amazon.com/ap/oa",
  tokenUrl: "https://api.amazon.com/auth/o2/token",
  userinfoUrl: "https://api.amazon.com/user/profile",
  // Login with Amazon docs, "Access Token Request": client_id and client_secret go in the form body.
  clientAuth: "client_secret_post",
  scopes: ["profile"],
  docsUrl: "https://developer.amazon.com/loginwithamazon/console/site/lwa/overview.html",
});
