import { fixedProvider } from "./entry.ts";

/** Twitch. Its token response gives `scope` as a JSON array, which strict RFC 6749 clients reject. */
export const twitch = fixedProvider({
  id: "twitch",
  name: "Twitch",
  issuer: "https://id.twitch.tv/oauth2",
  authorizationUrl: "https://id.twitch.tv/oauth2/authorize",
  tokenUrl: "https://id.twitch.tv/oauth2/token",
  revocationUrl: "https://id.twitch.tv/oauth2/revoke",
  userinfoUrl: "https://id.twitch.tv/oauth2/userinfo",
  clientAuth: "client_secret_post",
  scopes: ["user:read:email"],
  quirks: { scopeArrayInTokenResponse: true },
  docsUrl: "https://dev.twitch.tv/console/apps",
});
