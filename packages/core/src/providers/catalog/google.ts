import { fixedProvider } from "./entry.ts";

/**
 * Google. Without `access_type=offline` there is no refresh token, and
 * Google sends one only on the first consent unless `prompt=consent`.
 */
export const google = fixedProvider({
  id: "google",
  name: "Google",
  issuer: "https://accounts.google.com",
  authorizationUrl: "https://accounts.google.com/o/oauth2/v2/auth",
  tokenUrl: "https://oauth2.googleapis.com/token",
  revocationUrl: "https://oauth2.googleapis.com/revoke",
  userinfoUrl: "https://openidconnect.googleapis.com/v1/userinfo",
  clientAuth: "client_secret_post",
  scopes: ["openid", "email", "profile"],
  authorizationParams: { access_type: "offline", prompt: "consent" },
  docsUrl: "https://console.cloud.google.com/apis/credentials",
});
