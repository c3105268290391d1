import { fixedProvider } from "./entry.ts";

/** Kakao Login, an OpenID Connect provider when "OpenID Connect" is enabled on the app. */
export const kakao = fixedProvider({
  id: "kakao",
  name: "Kakao",
  issuer: "https://kauth.kakao.com",
  authorizationUrl: "https://kauth.kakao.com/oauth/authorize",
  tokenUrl: "https://kauth.kakao.com/oauth/token",
  userinfoUrl: "https://kapi.kakao.com/v2/user/me",
  clientAuth: "client_secret_post",
  // Kakao Login docs: consent items in `scope` are comma-separated ("account_email,gender").
  scopeSeparator: ",",
  scopes: [],
  docsUrl: "https://developers.kakao.com/console/app",
});
