import { fixedProvider } from "./entry.ts";

/** Snapchat Login Kit, used through its OAuth 2.0 endpoints (the SDKs are deprecated). */
export const snapchat = fixedProvider({
  id: "snapchat",
  name: "Snapchat",
  authorizationUrl: "https://accounts.snapchat.com/accounts/oauth2/auth",
  tokenUrl: "https://accounts.snapchat.com/accounts/oauth2/token",
  revocationUrl: "https://accounts.snapchat.com/accounts/oauth2/revoke",
  // Snap Kit docs, "Login Kit → Web → Server-side": the token request carries Authorization: Basic.
  clientAuth: "client_secret_basic",
  scopes: [
    "https://auth.snapchat.com/oauth2/api/user.display_name",
    "https://auth.snapchat.com/oauth2/api/user.external_id",
  ],
  docsUrl: "https://developers.snap.com/snap-kit/login-kit/overview",
});
