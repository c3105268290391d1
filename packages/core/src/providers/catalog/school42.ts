import { fixedProvider } from "./entry.ts";

/** 42 (the school network's intranet API). */
export const school42 = fixedProvider({
  id: "school42",
  name: "42",
  authorizationUrl: "https://api.intra.42.fr/oauth/authorize",
  tokenUrl: "https://api.intra.42.fr/oauth/token",
  userinfoUrl: "https://api.intra.42.fr/v2/me",
  clientAuth: "client_secret_post",
  scopes: ["public"],
  docsUrl: "https://profile.intra.42.fr/oauth/applications",
});
