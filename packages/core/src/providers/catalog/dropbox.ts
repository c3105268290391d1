import { fixedProvider } from "./entry.ts";

/**
 * Dropbox "Scoped access" app. Without `token_access_type=offline` Dropbox
 * issues a short-lived token and no refresh token. Its revoke endpoint
 * (/2/auth/token/revoke) takes the token as a Bearer header, not RFC 7009,
 * so it is left out.
 */
export const dropbox = fixedProvider({
  id: "dropbox",
  name: "Dropbox",
  authorizationUrl: "https://www.dropbox.com/oauth2/authorize",
  tokenUrl: "https://api.dropboxapi.com/oauth2/token",
  clientAuth: "client_secret_basic",
  // Granted to every scoped app; other scopes must also be ticked on the app's Permissions tab.
  scopes: ["account_info.read"],
  authorizationParams: { token_access_type: "offline" },
  docsUrl: "https://www.dropbox.com/developers/apps",
});
