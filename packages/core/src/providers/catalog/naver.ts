import { fixedProvider } from "./entry.ts";

/** Naver Login. Permissions are set on the application, so there are no scopes. */
export const naver = fixedProvider({
  id: "naver",
  name: "Naver",
  authorizationUrl: "https://nid.naver.com/oauth2.0/authorize",
  tokenUrl: "https://nid.naver.com/oauth2.0/token",
  userinfoUrl: "https://openapi.naver.com/v1/nid/me",
  clientAuth: "client_secret_post",
  scopes: [],
  docsUrl: "https://developers.naver.com/apps/",
});
