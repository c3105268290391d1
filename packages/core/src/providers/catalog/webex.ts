import { fixedProvider } from "./entry.ts";

/** Webex (Cisco) REST API integrations. */
export const webex = fixedProvider({
  id: "webex",
  name: "Webex",
  authorizationUrl: "https://webexapis.com/v1/authorize",
  tokenUrl: "https://webexapis.com/v1/access_token",
  userinfoUrl: "https://webexapis.com/v1/people/me",
  clientAuth: "client_secret_post",
  scopes: ["spark:people_read"],
  docsUrl: "https://developer.webex.com/my-apps",
});
