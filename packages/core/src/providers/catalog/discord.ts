import { fixedProvider } from "./entry.ts";

export const discord = fixedProvider({
  id: "discord",
  name: "Discord",
  authorizationUrl: "https://discord.com/oauth2/authorize",
  tokenUrl: "https://discord.com/api/oauth2/token",
  revocationUrl: "https://discord.com/api/oauth2/token/revoke",
  userinfoUrl: "https://discord.com/api/users/@me",
  clientAuth: "client_secret_basic",
  scopes: ["identify"],
  docsUrl: "https://discord.com/developers/applications",
});
