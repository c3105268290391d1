import { fixedProvider } from "./entry.ts";

/**
 * Yandex ID. Scopes default to those set on the app. Its token revocation
 * (`/revoke_token`) is not RFC 7009, so no revocationUrl.
 */
export const yandex = fixedProvider({
  id: "yandex",
  name: "Yandex",
  authorizationUrl: "https://oauth.yandex.com/authorize",
  tokenUrl: "https://oauth.yandex.com/token",
  userinfoUrl: "https://login.yandex.ru/info",
  clientAuth: "client_secret_basic",
  scopes: [],
  docsUrl: "https://oauth.yandex.com/client/new",
});
