import { fixedProvider } from "./entry.ts";

/** Epic Account Services (Epic Games). Refresh tokens expire too (`refresh_expires`). */
export const epicgames = fixedProvider({
  id: "epicgames",
  name: "Epic Games",
  authorizationUrl: "https://www.epicgames.com/id/authorize",
  tokenUrl: "https://api.epicgames.dev/epic/oauth/v2/token",
  revocationUrl: "https://api.epicgames.dev/epic/oauth/v2/revoke",
  clientAuth: "client_secret_basic",
  scopes: ["basic_profile"],
  docsUrl: "https://dev.epicgames.com/portal",
});
