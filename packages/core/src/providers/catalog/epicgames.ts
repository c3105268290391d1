import { fixedProvider } from "./entry.ts";

/** Epic Account Services (Epic Games), an OpenID Connect provider. */
export const epicgames = fixedProvider({
  id: "epicgames",
  name: "Epic Games",
  issuer: "https://api.epicgames.dev/epic/oauth/v2",
  authorizationUrl: "https://www.epicgames.com/id/authorize",
  tokenUrl: "https://api.epicgames.dev/epic/oauth/v2/token",
  revocationUrl: "https://api.epicgames.dev/epic/oauth/v2/revoke",
  userinfoUrl: "https://api.epicgames.dev/epic/oauth/v2/userInfo",
  clientAuth: "client_secret_basic",
  scopes: ["basic_profile"],
  docsUrl: "https://dev.epicgames.com/portal",
});
