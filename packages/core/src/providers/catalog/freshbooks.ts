import { fixedProvider } from "./entry.ts";

export const freshbooks = fixedProvider({
  id: "freshbooks",
  name: "FreshBooks",
  authorizationUrl: "https://auth.freshbooks.com/oauth/authorize",
  tokenUrl: "https://api.freshbooks.com/auth/oauth/token",
  // FreshBooks API docs, "Authentication → Revoking tokens": client_id, client_secret and token in the body.
  revocationUrl: "https://api.freshbooks.com/auth/oauth/revoke",
  userinfoUrl: "https://api.freshbooks.com/auth/api/v1/users/me",
  clientAuth: "client_secret_post",
  // Auth0 Token Vault's FreshBooks page: user:profile:read is required for identity.
  scopes: ["user:profile:read"],
  docsUrl: "https://my.freshbooks.com/#/developer",
});
